/// Sampling parameters of one request; `nil` means "the model's configured default, else the vendor's".
public struct GenerationParameters: Sendable, Hashable, Codable {
    public var temperature: Double?
    public var topP: Double?
    public var maxTokens: Int?
    public var stop: [String]?
    public var seed: Int?
    /// Number of choices, where the vendor supports it.
    public var n: Int?
    /// Ask for the answer's token log-probabilities, with this many alternatives per token
    /// (0: the chosen tokens only; OpenAI allows up to 20). `nil`: none.
    public var logprobs: Int?
    /// Vendor-specific fields passed through verbatim into the request body.
    public var extra: [String: JSONValue]

    public init(
        temperature: Double? = nil, topP: Double? = nil, maxTokens: Int? = nil, stop: [String]? = nil,
        seed: Int? = nil, n: Int? = nil, logprobs: Int? = nil, extra: [String: JSONValue] = [:]
    ) {
        self.logprobs = logprobs
        self.temperature = temperature
        self.topP = topP
        self.maxTokens = maxTokens
        self.stop = stop
        self.seed = seed
        self.n = n
        self.extra = extra
    }

    enum CodingKeys: String, CodingKey {
        case temperature, topP = "top_p", maxTokens = "max_tokens", stop, seed, n, logprobs, extra
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        temperature = try container.decodeIfPresent(Double.self, forKey: .temperature)
        topP = try container.decodeIfPresent(Double.self, forKey: .topP)
        maxTokens = try container.decodeIfPresent(Int.self, forKey: .maxTokens)
        stop = try container.decodeIfPresent([String].self, forKey: .stop)
        seed = try container.decodeIfPresent(Int.self, forKey: .seed)
        n = try container.decodeIfPresent(Int.self, forKey: .n)
        logprobs = try container.decodeIfPresent(Int.self, forKey: .logprobs)
        extra = try container.decodeIfPresent([String: JSONValue].self, forKey: .extra) ?? [:]
    }

    /// These parameters with every field that is `nil` here taken from `defaults`.
    public func merged(over defaults: GenerationParameters) -> GenerationParameters {
        GenerationParameters(
            temperature: temperature ?? defaults.temperature,
            topP: topP ?? defaults.topP,
            maxTokens: maxTokens ?? defaults.maxTokens,
            stop: stop ?? defaults.stop,
            seed: seed ?? defaults.seed,
            n: n ?? defaults.n,
            logprobs: logprobs ?? defaults.logprobs,
            extra: defaults.extra.merging(extra, uniquingKeysWith: { _, mine in mine })
        )
    }
}
