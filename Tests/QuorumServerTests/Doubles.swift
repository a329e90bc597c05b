import Foundation
import QuorumCore
import QuorumOrchestration
import QuorumTesting

/// A system that first "tries" a rejected draft, waits, then returns an accepted answer at level 2.
struct ScriptedCascade: AnswerSystem {
    var name = "cascade"
    var delay: Duration = .zero

    func answer(_ question: Question, in context: RunContext) async throws -> Answer {
        let draft = try await context.call("cheap", ChatRequest(messages: question.messages), key: "level-1/answer")
        try await Task.sleep(for: delay)
        let final = try await context.call("strong", ChatRequest(messages: question.messages), key: "level-2/answer")
        let trace = TraceNode(kind: .system, label: name, children: [
            TraceNode(kind: .call, label: "cheap", call: draft, note: "escalated: rejected draft"),
            TraceNode(kind: .call, label: "strong", call: final, note: "accepted"),
        ])
        return Answer(text: final.response, trace: trace, level: 2)
    }
}
