import QuorumCore

/// One way to reach a model: a built `ChatModel` with its routing facts.
struct Deployment: Sendable {
    /// The name traces and metrics use (`azure-east`).
    let label: String
    let model: any ChatModel
    /// Share of traffic under `simple-shuffle`.
    let weight: Double
    /// Per 1M tokens; `nil` when unknown (sorted last by `cost`).
    let price: Price?
}

/// What the routing layer remembers about one deployment between calls.
struct DeploymentState: Sendable {
    /// Failures inside the current cooldown window, oldest first.
    var recentFailures: [ContinuousClock.Instant] = []
    var cooledUntil: ContinuousClock.Instant?
    var inFlight = 0
    /// Smoothed seconds per answer; `nil` until one succeeded.
    var latency: Double?
    var failures = 0
    var cooldowns = 0
}

/// A deployment's counters, for `/metrics` and `quorum` output.
public struct DeploymentStatus: Sendable, Hashable {
    public var model: String
    public var deployment: String
    public var failures: Int
    public var cooldowns: Int
    public var inFlight: Int
    public var isCooledDown: Bool
}
