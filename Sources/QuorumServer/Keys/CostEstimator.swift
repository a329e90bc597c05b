import QuorumCore

/// What a request may cost at most, before it is sent: the amount held against a key's budget.
///
/// Output is priced at the request's `max_tokens` (else `defaultMaxTokens`) for each of its `n`
/// choices; the prompt at a generous token count for its text. A system is priced as if every
/// model it can reach (levels, judges) were called once. An estimate below the real cost is what lets concurrent requests
/// overshoot a budget, so it errs high; the real cost replaces it when the request ends.
public struct CostEstimator: Sendable {
    /// For each name requests may use, the prices of the models it may call.
    public var prices: [String: [Price]]
    /// Output tokens assumed when a request gives no `max_tokens`.
    public var defaultMaxTokens: Int

    public init(prices: [String: [Price]] = [:], defaultMaxTokens: Int = 4096) {
        self.prices = prices
        self.defaultMaxTokens = defaultMaxTokens
    }

    /// The estimated cost and tokens (prompt and completion, per model called) of `request` to `target`.
    public func estimate(_ request: ChatRequest, target: String) -> (cost: USD, tokens: Int) {
        let prompt = Self.promptTokens(request.messages)
        // `n` choices are each up to `max_tokens` long.
        let completion = (request.parameters.maxTokens ?? defaultMaxTokens) * max(1, request.parameters.n ?? 1)
        let usage = Usage(promptTokens: prompt, completionTokens: completion)
        let models = prices[target] ?? []
        return (models.map { $0.cost(of: usage) }.sum(), usage.totalTokens * max(1, models.count))
    }

    /// Tokens of `messages`, over-counted: a token per 3 bytes (English averages about 4) plus 8
    /// per message for the chat template's markers.
    static func promptTokens(_ messages: [ChatMessage]) -> Int {
        messages.reduce(0) { total, message in total + (message.content.utf8.count + 2) / 3 + 8 }
    }
}
