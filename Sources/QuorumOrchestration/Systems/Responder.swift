import QuorumCore

/// Whatever answers inside a system: a configured model, or another system (systems nest).
///
/// Systems hand a responder the exact messages to answer; a nested system receives them as its
/// question's conversation (same id, reference, category and tags as the original item).
public enum Responder: Sendable {
    /// A model by its configured name, with the calling system's parameters.
    case model(String, GenerationParameters)
    /// A nested system.
    case system(any AnswerSystem)

    /// The configured name of the model or system.
    public var name: String {
        switch self {
        case .model(let name, _): name
        case .system(let system): system.name
        }
    }

    /// What a responder said, and the trace of saying it.
    public struct Response: Sendable {
        public var text: String
        /// A `.call` node for a model, the nested system's whole trace for a system.
        public var node: TraceNode
        /// A nested system's level and resolution (1 and true for a model).
        public var level: Int
        public var resolved: Bool
        /// The model's token logprobs, when the call asked for them (never for a nested system).
        public var logprobs: [TokenLogprob]?

        public init(
            text: String, node: TraceNode, level: Int = 1, resolved: Bool = true, logprobs: [TokenLogprob]? = nil
        ) {
            self.logprobs = logprobs
            self.text = text
            self.node = node
            self.level = level
            self.resolved = resolved
        }
    }

    /// Answers `messages` on behalf of `question`; `key` names this step (unique within `context`).
    /// `parameters`, when given, override the responder's own for this call (nested systems ignore them).
    public func respond(
        to question: Question, messages: [ChatMessage], key: String, in context: RunContext,
        parameters override: GenerationParameters? = nil
    ) async throws -> Response {
        switch self {
        case .model(let name, let parameters):
            let merged = override?.merged(over: parameters) ?? parameters
            let record = try await context.call(
                name, ChatRequest(messages: messages, parameters: merged), key: key, role: .answer)
            return Response(
                text: record.response, node: TraceNode(kind: .call, label: name, call: record), logprobs: record.logprobs)
        case .system(let system):
            var inner = question
            inner.rootPrompt = question.originalPrompt
            inner.messages = messages
            let answer = try await system.answer(inner, in: context.scoped(key))
            return Response(text: answer.text, node: answer.trace, level: answer.level, resolved: answer.resolved)
        }
    }
}

extension Question {
    /// The conversation with its last user turn replaced by `prompt` (earlier turns kept), and an
    /// optional system message in front.
    public func messages(replacingLastUserTurnWith prompt: String? = nil, system: String? = nil) -> [ChatMessage] {
        var result = messages
        if let prompt {
            if let index = result.lastIndex(where: { $0.role == .user }) {
                result[index] = .user(prompt)
            } else {
                result.append(.user(prompt))
            }
        }
        if let system {
            if let first = result.first, first.role == .system {
                result[0] = .system(system + "\n\n" + first.content)
            } else {
                result.insert(.system(system), at: 0)
            }
        }
        return result
    }
}
