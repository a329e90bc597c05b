import QuorumCore

/// How one model's or system's answers are cached: for how long, how many, at which temperatures.
public struct CachePolicy: Sendable, Hashable {
    /// Seconds an answer stays usable after it was stored.
    public var ttl: Double
    /// Most answers kept for the model or system; the oldest go first.
    public var maxEntries: Int
    /// Cache sampled (temperature > 0) requests too.
    public var anyTemperature: Bool

    public init(ttl: Double = CacheConfig.defaultTTL.seconds, maxEntries: Int = CacheConfig.defaultMaxEntries, anyTemperature: Bool = false) {
        self.ttl = ttl
        self.maxEntries = maxEntries
        self.anyTemperature = anyTemperature
    }

    /// The policy `config` writes down; `nil` when it turns the cache off.
    public init?(_ config: CacheConfig?) {
        guard let config, config.isEnabled else { return nil }
        self.init(
            ttl: (config.ttl ?? CacheConfig.defaultTTL).seconds,
            maxEntries: config.maxEntries ?? CacheConfig.defaultMaxEntries,
            anyTemperature: config.anyTemperature ?? false)
    }

    /// Whether a request with these (already defaulted) parameters may be answered from the cache.
    /// A request that names no temperature samples at the vendor's default (1 at OpenAI), so only an
    /// explicit 0 counts as deterministic.
    public func admits(_ parameters: GenerationParameters) -> Bool {
        anyTemperature || parameters.temperature == 0
    }
}
