/// One deployment of a model under `deployments:`: the same model reached another way (another
/// vendor, key or region). Every field left out is taken from the model entry it belongs to.
public struct DeploymentConfig: Sendable, Hashable, Codable {
    /// How traces, logs and metrics name this deployment (`azure-east`); defaults to `provider[-region]`.
    public var name: String?
    public var provider: String?
    public var model: String?
    public var baseURL: String?
    /// Never logged, traced or stored.
    public var apiKey: String?
    /// The environment variable holding this deployment's key (a second key for the same vendor).
    public var apiKeyEnv: String?
    /// Azure: the deployment name.
    public var deployment: String?
    public var apiVersion: String?
    /// Informational: shows in the deployment's default name.
    public var region: String?
    /// Share of traffic under `routing: simple-shuffle` (default 1).
    public var weight: Double?
    public var price: Price?
    public var maxConcurrency: Int?
    public var rpm: Int?
    public var tpm: Int?
    public var timeout: ConfigDuration?
    /// Attempts on this deployment after its first before moving on (default 0: the next deployment is the retry).
    public var retries: Int?
    public var headers: [String: String]?

    public init(name: String? = nil, provider: String? = nil, model: String? = nil, baseURL: String? = nil) {
        self.name = name
        self.provider = provider
        self.model = model
        self.baseURL = baseURL
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case name, provider, model, baseURL = "base_url", apiKey = "api_key", apiKeyEnv = "api_key_env",
            deployment, apiVersion = "api_version", region, weight, price, maxConcurrency = "max_concurrency",
            rpm, tpm, timeout, retries, headers
    }
}
