import QuorumCore

/// What one model call did: the request, the response, tokens, cost, time and attempts.
public struct CallRecord: Sendable, Hashable, Codable {
    /// Why the call was made: to answer, or to judge an answer.
    public enum Role: String, Sendable, Hashable, Codable {
        case answer, judge
    }

    /// Deterministic position of this call inside its system's work for one item
    /// (e.g. `cascade/level-2/answer`); with the run, system and item it keys resume.
    public var key: String
    public var model: String
    public var role: Role
    public var messages: [ChatMessage]
    public var response: String
    public var usage: Usage
    public var cost: USD
    public var latency: Double
    public var timeToFirstToken: Double?
    public var attempts: Int
    public var finishReason: FinishReason?
    /// The error's sentence when the call failed (no secrets).
    public var error: String?
    /// True when the response was replayed from the store instead of paid for again.
    public var replayed: Bool
    /// The answer's tokens with their log-probabilities, when the call asked for them; journaled, so a
    /// resumed run's confidence gate decides as the first run's did without paying again.
    public var logprobs: [TokenLogprob]?
    /// Set when the response came from the response cache: what the call cost when it was paid
    /// for (`cost` is then zero).
    public var savedCost: USD?
    /// The deployments a routed model tried for this call and why it moved on (see `RouteAttempt`).
    public var route: [RouteAttempt]?
    /// The vendor's batch id when the call was answered through its batch API, at the batch price.
    public var batch: String?

    /// Whether the response came from the response cache.
    public var isCached: Bool { savedCost != nil }

    public init(
        key: String, model: String, role: Role, messages: [ChatMessage], response: String = "",
        usage: Usage = .zero, cost: USD = .zero, latency: Double = 0, timeToFirstToken: Double? = nil,
        attempts: Int = 1, finishReason: FinishReason? = nil, error: String? = nil, replayed: Bool = false,
        logprobs: [TokenLogprob]? = nil, savedCost: USD? = nil, route: [RouteAttempt]? = nil, batch: String? = nil
    ) {
        self.batch = batch
        self.savedCost = savedCost
        self.route = route
        self.logprobs = logprobs
        self.key = key
        self.model = model
        self.role = role
        self.messages = messages
        self.response = response
        self.usage = usage
        self.cost = cost
        self.latency = latency
        self.timeToFirstToken = timeToFirstToken
        self.attempts = attempts
        self.finishReason = finishReason
        self.error = error
        self.replayed = replayed
    }
}
