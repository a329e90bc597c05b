import Foundation
import QuorumCore

/// A model that answers at once with a fixed text and fixed usage: measures the runner, not a model.
public struct StaticStubModel: ChatModel {
    public var name: String
    public var reply: String
    public var price: Price

    public init(name: String = "stub", reply: String = "42", price: Price = Price(input: USD(1), output: USD(2))) {
        self.name = name
        self.reply = reply
        self.price = price
    }

    public func complete(_ request: ChatRequest) async throws -> Completion {
        let usage = Usage(promptTokens: request.messages.map(\.content.count).reduce(0, +) / 4 + 1, completionTokens: 1)
        return Completion(text: reply, usage: usage, cost: price.cost(of: usage), model: name)
    }
}
