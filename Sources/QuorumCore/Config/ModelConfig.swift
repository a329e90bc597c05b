/// One entry of `models:` — an endpoint, a model id, parameters, limits and a price.
///
/// Reads like LiteLLM's `model_list`: `provider` picks the wire protocol and its defaults
/// (`openai`, `openrouter`, `groq`, …, `azure`, `anthropic`, `gemini`, `local`).
public struct ModelConfig: Sendable, Hashable, Codable {
    public var name: String
    public var provider: String
    /// The vendor's model id (`gpt-4.1`), or the local catalog name (`smollm2-135m`).
    public var model: String
    public var baseURL: String?
    /// Never logged, traced or stored: snapshots replace it with `"<redacted>"`.
    public var apiKey: String?
    /// Azure: the deployment name (defaults to `model`).
    public var deployment: String?
    /// Azure: `api-version` query parameter.
    public var apiVersion: String?
    public var price: Price?
    public var maxConcurrency: Int?
    /// Requests per minute allowed by the vendor for this key.
    public var rpm: Int?
    /// Tokens per minute allowed by the vendor for this key.
    public var tpm: Int?
    public var timeout: ConfigDuration?
    /// Idle time allowed between two stream chunks.
    public var streamIdleTimeout: ConfigDuration?
    /// Attempts after the first one.
    public var retries: Int?
    public var parameters: GenerationParameters?
    /// Extra HTTP headers (e.g. OpenRouter's `HTTP-Referer`, `X-Title`).
    public var headers: [String: String]?
    /// CoEval roles: `teacher`, `student`, `judge`.
    public var roles: [String]?
    /// CoEval: parameters per role, merged over `parameters`.
    public var roleParameters: [String: GenerationParameters]?
    /// The model's size (`7B`, `135M`) where its id does not say it: what `grid.max_model_params` checks.
    public var params: String?
    /// Identical temperature-0 calls answered from the store (`quorum run` and `quorum serve`).
    public var cache: CacheConfig?
    /// The same model reached several ways (vendors, keys, regions); empty or `nil` for one endpoint.
    public var deployments: [DeploymentConfig]?
    /// How a deployment is picked: `simple-shuffle` (default), `least-busy`, `latency`, `cost`.
    public var routing: String?
    /// When a failing deployment is taken out of rotation, and for how long.
    public var cooldown: CooldownConfig?
    /// Models tried in order when every deployment failed (error, timeout, 429).
    public var fallbacks: [String]?
    /// Models tried in order when a request is too long for this one (counted before sending).
    public var contextWindowFallbacks: [String]?
    /// The model's context size in tokens, where the built-in table does not know it.
    public var contextWindow: Int?
    /// Send this model's calls through its vendor's batch API, at half price: in `quorum run` the
    /// calls systems make to it, in CoEval its calls of phases 3-5 (or per phase with `coeval.batch`).
    public var batch: Bool?

    public init(name: String, provider: String, model: String, price: Price? = nil) {
        self.name = name
        self.provider = provider
        self.model = model
        self.price = price
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case name, provider, model, baseURL = "base_url", apiKey = "api_key", deployment,
            apiVersion = "api_version", price, maxConcurrency = "max_concurrency", rpm, tpm, timeout,
            streamIdleTimeout = "stream_idle_timeout", retries, parameters, headers, roles,
            roleParameters = "role_parameters", params, cache, deployments, routing, cooldown, fallbacks,
            contextWindowFallbacks = "context_window_fallbacks", contextWindow = "context_window", batch
    }
}
