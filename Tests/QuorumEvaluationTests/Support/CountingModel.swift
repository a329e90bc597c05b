import Foundation
import QuorumCore
import Synchronization

/// A stub upstream that counts every call it receives, answers by a rule, and fails on demand.
final class CountingModel: ChatModel {
    let name: String
    private let calls = Mutex<[String: Int]>([:])
    private let reply: @Sendable (ChatRequest) throws -> String
    let price: Price

    init(
        name: String, price: Price = Price(input: USD(1), output: USD(1)),
        reply: @escaping @Sendable (ChatRequest) throws -> String = { _ in "42" }
    ) {
        self.name = name
        self.price = price
        self.reply = reply
    }

    /// Calls received per last user message.
    var callsByPrompt: [String: Int] { calls.withLock { $0 } }
    var totalCalls: Int { calls.withLock { $0.values.reduce(0, +) } }

    func complete(_ request: ChatRequest) async throws -> Completion {
        let prompt = request.messages.last?.content ?? ""
        calls.withLock { $0[prompt, default: 0] += 1 }
        let text = try reply(request)
        let usage = Usage(promptTokens: 10, completionTokens: 5)
        return Completion(text: text, usage: usage, cost: price.cost(of: usage), model: name)
    }
}
