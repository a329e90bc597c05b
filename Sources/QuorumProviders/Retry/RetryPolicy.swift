import QuorumCore

/// How many times a call is tried and how long to wait between tries.
///
/// Waits use exponential backoff with full jitter (a uniform draw in `0 ... min(cap, base·2ⁿ)`,
/// the AWS "full jitter" scheme, which spreads a crowd of clients best), unless the vendor said how
/// long to wait (`Retry-After`, `x-ratelimit-reset-*`): then exactly that, capped at `maxDelay`.
public struct RetryPolicy: Sendable, Hashable {
    /// Total attempts, the first included (≥ 1).
    public var maxAttempts: Int
    /// Backoff base, in seconds.
    public var baseDelay: Double
    /// The longest single wait, in seconds, whatever the vendor asks for.
    public var maxDelay: Double

    /// A policy of `maxAttempts` attempts.
    public init(maxAttempts: Int = 3, baseDelay: Double = 0.5, maxDelay: Double = 60) {
        self.maxAttempts = max(1, maxAttempts)
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
    }

    /// Seconds to wait before attempt `attempt + 1`, after attempt number `attempt` (1-based) failed with `error`.
    public func delay(after attempt: Int, error: QuorumError) -> Double {
        if let retryAfter = error.retryAfter { return min(max(0, retryAfter), maxDelay) }
        let ceiling = min(maxDelay, baseDelay * Double(1 << min(attempt - 1, 30)))
        return Double.random(in: 0...max(ceiling, 0))
    }

    /// Whether a call that failed with `error` on attempt `attempt` should be tried again.
    public func shouldRetry(after attempt: Int, error: QuorumError) -> Bool {
        attempt < maxAttempts && error.kind.isRetryableUpstream
    }
}
