import QuorumCore

/// A `ChatModel` for tests: its reply is computed from the request and how many calls it had before
/// (counted in `log`, when one is given), or it fails with `error`. Streams word by word.
public struct ScriptedModel: ChatModel {
    public var name: String
    public var log: CallLog?
    public var error: QuorumError?
    /// When set, a call costs its usage at this price; else every call costs `cost`.
    public var price: Price?
    public var cost: USD
    public var latency: Double
    /// Stream the whole text in the delta that carries the completion (an answer that arrived at once).
    public var inOneDelta = false
    public var reply: @Sendable (ChatRequest, Int) -> String

    /// Replies with `reply(request, calls before this one)`, each call costing `cost`.
    public init(
        _ name: String, log: CallLog? = nil, cost: USD = USD(string: "0.001")!,
        reply: @escaping @Sendable (ChatRequest, Int) -> String
    ) {
        self.name = name
        self.log = log
        self.cost = cost
        latency = 0
        self.reply = reply
    }

    /// Replies with `answers` in turn (the last one repeats).
    public init(_ name: String, log: CallLog? = nil, cost: USD = USD(string: "0.001")!, answers: [String]) {
        self.init(name, log: log, cost: cost) { _, index in answers[min(index, answers.count - 1)] }
    }

    /// Always `text` (or always `error`), priced by its usage, 10 ms latency.
    public init(
        name: String, text: String = "Hello from the model", error: QuorumError? = nil,
        price: Price = Price(input: USD(string: "1")!, output: USD(string: "2")!), inOneDelta: Bool = false
    ) {
        self.init(name) { _, _ in text }
        self.error = error
        self.price = price
        self.inOneDelta = inOneDelta
        latency = 0.01
    }

    public func complete(_ request: ChatRequest) async throws -> Completion {
        if let error { throw error }
        let index = await log?.append(name, request) ?? 0
        let usage = Usage(promptTokens: 10, completionTokens: 5)
        return Completion(text: reply(request, index), usage: usage, cost: cost(of: usage), model: name, latency: latency)
    }

    public func stream(_ request: ChatRequest) -> AsyncThrowingStream<CompletionDelta, any Error> {
        AsyncThrowingStream { continuation in
            let task = Task {
                if let error {
                    continuation.finish(throwing: error)
                    return
                }
                let text = reply(request, await log?.append(name, request) ?? 0)
                let words = text.split(separator: " ").map(String.init)
                for (index, word) in words.enumerated() where !inOneDelta {
                    continuation.yield(CompletionDelta(text: index == 0 ? word : " " + word))
                }
                let usage = Usage(promptTokens: 10, completionTokens: words.count)
                continuation.yield(CompletionDelta(
                    text: inOneDelta ? text : "", completion: Completion(text: text, usage: usage, cost: cost(of: usage), model: name)))
                continuation.finish()
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }

    private func cost(of usage: Usage) -> USD { price?.cost(of: usage) ?? cost }
}

/// Every call the scripted models received, in order.
public actor CallLog {
    public struct Entry: Sendable {
        public var model: String
        public var request: ChatRequest
        public var prompt: String { request.messages.last?.content ?? "" }
        public var system: String? { request.messages.first { $0.role == .system }?.content }
    }

    public private(set) var entries: [Entry] = []

    public init() {}

    /// Records a call; returns how many calls `model` had before this one.
    public func append(_ model: String, _ request: ChatRequest) -> Int {
        let before = entries.filter { $0.model == model }.count
        entries.append(Entry(model: model, request: request))
        return before
    }

    public var models: [String] { entries.map(\.model) }

    public func calls(to model: String) -> [Entry] { entries.filter { $0.model == model } }
}

/// A model whose every call fails with `error`.
public struct FailingModel: ChatModel {
    public let name: String
    public let error: QuorumError

    public init(name: String, error: QuorumError) {
        self.name = name
        self.error = error
    }

    public func complete(_ request: ChatRequest) async throws -> Completion { throw error }
}
