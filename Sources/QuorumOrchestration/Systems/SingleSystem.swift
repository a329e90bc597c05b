import QuorumCore

/// One model (or nested system) answers the question as asked: the baseline.
public struct SingleSystem: AnswerSystem {
    public var name: String
    public var responder: Responder

    public init(name: String, responder: Responder) {
        self.name = name
        self.responder = responder
    }

    public func answer(_ question: Question, in context: RunContext) async throws -> Answer {
        let start = ContinuousClock.now
        let response = try await responder.respond(
            to: question, messages: question.messages, key: "answer", in: context.scoped(name))
        let trace = TraceNode(kind: .system, label: name, note: "single", children: [response.node])
        return Answer(
            text: response.text, trace: trace, level: response.level, resolved: response.resolved,
            latency: start.secondsElapsed)
    }
}

extension ContinuousClock.Instant {
    /// Seconds from this instant until now.
    var secondsElapsed: Double {
        let elapsed = ContinuousClock.now - self
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
    }
}
