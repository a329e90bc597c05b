import Foundation
import QuorumCore

/// A key `quorum keys create` handed out for `quorum serve`: who it is, what it may do, and the
/// SHA-256 of its secret. The secret itself is printed once and never stored.
public struct VirtualKey: Sendable, Hashable, Codable {
    /// Unique in the store, revoked keys included (a name is never reused, so spend stays attributable).
    public var name: String
    /// SHA-256 of the whole key (`sk-quorum-…`), lowercase hex.
    public var hash: String
    public var limits: KeyLimits
    public var createdAt: Date
    /// When it stopped working; `nil` while it works.
    public var revokedAt: Date?

    public init(name: String, hash: String, limits: KeyLimits, createdAt: Date, revokedAt: Date? = nil) {
        self.name = name
        self.hash = hash
        self.limits = limits
        self.createdAt = createdAt
        self.revokedAt = revokedAt
    }

    public var isRevoked: Bool { revokedAt != nil }

    /// Whether requests with this key may name `model` (a configured model or system).
    public func allows(model: String) -> Bool {
        limits.models.isEmpty || limits.models.contains(model)
    }
}

/// What a virtual key may spend and how fast.
public struct KeyLimits: Sendable, Hashable, Codable {
    /// USD per `period`; `nil`: spend is counted but never refused.
    public var budget: USD?
    public var period: BudgetPeriod
    /// Requests per minute (a fixed window: the calendar minute, UTC).
    public var requestsPerMinute: Int?
    /// Tokens per minute, prompt and completion, counted as estimated when a request starts and
    /// corrected to the real count when it ends.
    public var tokensPerMinute: Int?
    /// The models and systems this key may name; empty: all of them.
    public var models: [String]

    public init(
        budget: USD? = nil, period: BudgetPeriod = .month, requestsPerMinute: Int? = nil, tokensPerMinute: Int? = nil,
        models: [String] = []
    ) {
        self.budget = budget
        self.period = period
        self.requestsPerMinute = requestsPerMinute
        self.tokensPerMinute = tokensPerMinute
        self.models = models
    }
}
