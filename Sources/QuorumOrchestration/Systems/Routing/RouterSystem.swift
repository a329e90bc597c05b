import Foundation
import QuorumCore

/// Sends each item to the first route whose conditions it meets (category, tag, prompt regex),
/// else to the default.
public struct RouterSystem: AnswerSystem {
    /// One thing an item must satisfy.
    public enum Condition: Sendable, Hashable {
        /// The item's category equals this (case-insensitive).
        case category(String)
        /// The item has this tag.
        case tag(String)
        /// The item's prompt matches this regular expression.
        case promptRegex(String)

        func matches(_ question: Question) -> Bool {
            switch self {
            case .category(let category):
                question.category?.caseInsensitiveCompare(category) == .orderedSame
            case .tag(let tag): question.tags.contains(tag)
            case .promptRegex(let pattern): question.prompt.range(of: pattern, options: .regularExpression) != nil
            }
        }

        var description: String {
            switch self {
            case .category(let value): "category=\(value)"
            case .tag(let value): "tag=\(value)"
            case .promptRegex(let value): "prompt~/\(value)/"
            }
        }
    }

    /// A rule: when every condition holds, `responder` answers.
    public struct Route: Sendable {
        public var conditions: [Condition]
        public var responder: Responder

        public init(conditions: [Condition], responder: Responder) {
            self.conditions = conditions
            self.responder = responder
        }
    }

    public var name: String
    public var routes: [Route]
    public var fallback: Responder

    public init(name: String, routes: [Route], fallback: Responder) {
        self.name = name
        self.routes = routes
        self.fallback = fallback
    }

    public func answer(_ question: Question, in context: RunContext) async throws -> Answer {
        let start = ContinuousClock.now
        let index = routes.firstIndex { $0.conditions.allSatisfy { $0.matches(question) } }
        let responder = index.map { routes[$0].responder } ?? fallback
        let why = index.map { "route \($0 + 1) (" + routes[$0].conditions.map(\.description).joined(separator: ", ") + ")" }
            ?? "default"
        let response = try await responder.respond(
            to: question, messages: question.messages, key: index.map { "route-\($0 + 1)" } ?? "default",
            in: context.scoped(name))
        let trace = TraceNode(
            kind: .system, label: name, note: "router: \(why) → \(responder.name)", children: [response.node])
        return Answer(
            text: response.text, trace: trace, level: response.level, resolved: response.resolved,
            latency: start.secondsElapsed)
    }
}
