/// Why a model stopped generating.
public enum FinishReason: String, Sendable, Hashable, Codable {
    case stop
    case length
    case contentFilter = "content_filter"
    case toolCalls = "tool_calls"
    case other
}

/// A model's whole answer to one request, with what it cost and how long it took.
public struct Completion: Sendable, Hashable, Codable {
    public var text: String
    public var usage: Usage
    /// Cost in USD at the model's configured (or built-in) price, or the vendor's own reported cost.
    public var cost: USD
    public var finishReason: FinishReason
    /// The model id the vendor says answered.
    public var model: String
    /// The vendor's request id, for support tickets.
    public var requestID: String?
    /// Wall time from sending the request to the last byte, in seconds.
    public var latency: Double
    /// Seconds from sending the request to the first token (streams), or `nil`.
    public var timeToFirstToken: Double?
    /// How many HTTP attempts the call took (1 when no retry was needed).
    public var attempts: Int
    /// The answer's tokens with their log-probabilities, when the request asked for them
    /// (`GenerationParameters.logprobs`) and the vendor gives them; `nil` otherwise.
    public var logprobs: [TokenLogprob]?
    /// Every deployment a routed model tried or passed over for this answer, in order; `nil` for a
    /// model without `deployments:` or `fallbacks:`.
    public var route: [RouteAttempt]?

    public init(
        text: String, usage: Usage = .zero, cost: USD = .zero, finishReason: FinishReason = .stop,
        model: String = "", requestID: String? = nil, latency: Double = 0, timeToFirstToken: Double? = nil,
        attempts: Int = 1, logprobs: [TokenLogprob]? = nil
    ) {
        self.logprobs = logprobs
        self.text = text
        self.usage = usage
        self.cost = cost
        self.finishReason = finishReason
        self.model = model
        self.requestID = requestID
        self.latency = latency
        self.timeToFirstToken = timeToFirstToken
        self.attempts = attempts
    }
}

/// One piece of a streamed answer. The last delta of a stream carries the whole `completion`.
public struct CompletionDelta: Sendable, Hashable {
    /// Text added by this delta (may be empty).
    public var text: String
    /// Set on the final delta only: the assembled answer with usage, cost and timings.
    public var completion: Completion?

    public init(text: String, completion: Completion? = nil) {
        self.text = text
        self.completion = completion
    }
}
