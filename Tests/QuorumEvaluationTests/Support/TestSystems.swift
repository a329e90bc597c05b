import QuorumCore
import QuorumEvaluation
import QuorumOrchestration

/// One call to one model: the shape of `single`.
struct OneCallSystem: AnswerSystem {
    var name: String = "single"
    var model: String

    func answer(_ question: Question, in context: RunContext) async throws -> Answer {
        let call = try await context.call(model, ChatRequest(messages: question.messages), key: "answer")
        return Answer(
            text: call.response,
            trace: TraceNode(kind: .system, label: name, children: [TraceNode(kind: .call, label: model, call: call)]))
    }
}

/// A draft from one model, then a revision from another: two paid calls per item, the second at level 2.
struct DraftThenReviseSystem: AnswerSystem {
    var name: String = "revise"
    var drafter: String
    var reviser: String

    func answer(_ question: Question, in context: RunContext) async throws -> Answer {
        let draft = try await context.call(drafter, ChatRequest(messages: question.messages), key: "draft")
        let revised = try await context.call(
            reviser, ChatRequest(messages: question.messages + [.assistant(draft.response), .user("Revise.")]),
            key: "revise")
        let trace = TraceNode(kind: .system, label: name, children: [
            TraceNode(kind: .call, label: drafter, call: draft), TraceNode(kind: .call, label: reviser, call: revised),
        ])
        return Answer(text: revised.response, trace: trace, level: 2)
    }
}

/// The `auto` verifier against each item's reference, as `scoring: {verifier: auto}` builds it.
let autoVerifier = JudgeScorer.verifier(.auto(tolerance: 1e-6), named: "auto")
