/// `cache:` of a model or a system: identical requests answered from the store instead of paid for again.
///
/// Written `cache: {ttl: 1h}` (`cache: true` for the defaults, `cache: false` to turn it off). Only requests that ask for
/// temperature 0 are cached unless `any_temperature: true`: a sampled answer replayed forever
/// would hide the variety the caller asked for.
public struct CacheConfig: Sendable, Hashable, Codable {
    /// How long an answer stays usable; default one hour.
    public var ttl: ConfigDuration?
    /// Most answers kept for this model or system; past it the oldest are evicted. Default 10,000.
    public var maxEntries: Int?
    /// Cache requests at any temperature too (default: temperature 0 only).
    public var anyTemperature: Bool?
    /// `false` turns the cache off while keeping its settings written down.
    public var enabled: Bool?

    public init(ttl: ConfigDuration? = nil, maxEntries: Int? = nil, anyTemperature: Bool? = nil, enabled: Bool? = nil) {
        self.enabled = enabled
        self.ttl = ttl
        self.maxEntries = maxEntries
        self.anyTemperature = anyTemperature
    }

    public static let defaultTTL = ConfigDuration(seconds: 3600)
    public static let defaultMaxEntries = 10_000

    enum CodingKeys: String, CodingKey, CaseIterable {
        case ttl, maxEntries = "max_entries", anyTemperature = "any_temperature", enabled
    }

    /// Whether answers are cached at all.
    public var isEnabled: Bool { enabled ?? true }

    /// `cache: true` means the defaults, `cache: false` off; `cache: {…}` sets fields.
    public init(from decoder: any Decoder) throws {
        if let enabled = try? decoder.singleValueContainer().decode(Bool.self) {
            self.init(enabled: enabled)
            return
        }
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            ttl: try container.decodeIfPresent(ConfigDuration.self, forKey: .ttl),
            maxEntries: try container.decodeIfPresent(Int.self, forKey: .maxEntries),
            anyTemperature: try container.decodeIfPresent(Bool.self, forKey: .anyTemperature),
            enabled: try container.decodeIfPresent(Bool.self, forKey: .enabled))
    }
}

extension QuorumConfig {
    /// Whether any model or system caches its answers.
    public var cachesResponses: Bool {
        models.contains { $0.cache?.isEnabled == true } || systems.contains { $0.cache?.isEnabled == true }
    }
}
