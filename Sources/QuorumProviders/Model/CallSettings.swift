import QuorumCore

/// How one configured model calls its vendor: defaults, deadlines and the retry policy.
public struct CallSettings: Sendable, Hashable {
    /// Parameters the config gives; a request's own parameters win field by field.
    public var defaults: GenerationParameters
    /// Whole-request deadline per attempt, in seconds (headers and the full body).
    public var timeout: Double
    /// For streams: the longest silence allowed between two chunks, in seconds.
    public var streamIdleTimeout: Double
    public var retry: RetryPolicy

    public init(
        defaults: GenerationParameters = GenerationParameters(), timeout: Double = 600, streamIdleTimeout: Double = 120,
        retry: RetryPolicy = RetryPolicy()
    ) {
        self.defaults = defaults
        self.timeout = timeout
        self.streamIdleTimeout = streamIdleTimeout
        self.retry = retry
    }
}
