/// When a deployment is taken out of rotation: `failures` failed calls within `window` cool it
/// down `for` that long. A 429 that says how long to wait (`Retry-After`) cools it down at once.
public struct CooldownConfig: Sendable, Hashable, Codable {
    public var failures: Int
    public var window: ConfigDuration
    public var duration: ConfigDuration

    /// Three failures in a minute cool a deployment down for thirty seconds.
    public static let standard = CooldownConfig(failures: 3, window: ConfigDuration(seconds: 60), duration: ConfigDuration(seconds: 30))

    public init(failures: Int, window: ConfigDuration, duration: ConfigDuration) {
        self.failures = failures
        self.window = window
        self.duration = duration
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        failures = try container.decodeIfPresent(Int.self, forKey: .failures) ?? Self.standard.failures
        window = try container.decodeIfPresent(ConfigDuration.self, forKey: .window) ?? Self.standard.window
        duration = try container.decodeIfPresent(ConfigDuration.self, forKey: .duration) ?? Self.standard.duration
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case failures, window, duration = "for"
    }
}

/// How a model with several deployments picks one for a call.
public enum RoutingStrategy: String, Sendable, Hashable, Codable, CaseIterable {
    /// A weighted random order (`weight:`), LiteLLM's default.
    case simpleShuffle = "simple-shuffle"
    /// The deployment with the fewest calls in flight.
    case leastBusy = "least-busy"
    /// The deployment with the lowest recent latency (untried ones first, so each gets measured).
    case latency
    /// The cheapest deployment by price per token.
    case cost
}
