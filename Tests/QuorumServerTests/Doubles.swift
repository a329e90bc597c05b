import Foundation
import QuorumCore
import QuorumOrchestration

/// A model that answers with fixed text, or fails with a fixed error; streams word by word.
struct ScriptedModel: ChatModel {
    var name: String
    var text: String = "Hello from the model"
    var error: QuorumError?
    var price = Price(input: USD(string: "1")!, output: USD(string: "2")!)
    /// Stream the whole text in the delta that carries the completion (an answer that arrived at once).
    var inOneDelta = false

    func complete(_ request: ChatRequest) async throws -> Completion {
        if let error { throw error }
        let usage = Usage(promptTokens: 10, completionTokens: 5)
        return Completion(text: text, usage: usage, cost: price.cost(of: usage), model: name, latency: 0.01)
    }

    func stream(_ request: ChatRequest) -> AsyncThrowingStream<CompletionDelta, any Error> {
        AsyncThrowingStream { continuation in
            if let error {
                continuation.finish(throwing: error)
                return
            }
            let words = text.split(separator: " ").map(String.init)
            for (index, word) in words.enumerated() where !inOneDelta {
                continuation.yield(CompletionDelta(text: index == 0 ? word : " " + word))
            }
            let usage = Usage(promptTokens: 10, completionTokens: words.count)
            continuation.yield(CompletionDelta(
                text: inOneDelta ? text : "",
                completion: Completion(text: text, usage: usage, cost: price.cost(of: usage), model: name)))
            continuation.finish()
        }
    }
}

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
