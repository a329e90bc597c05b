/// `experiment:` — which systems run, how they are scored and what may be spent.
public struct ExperimentConfig: Sendable, Hashable, Codable {
    public var name: String
    /// Systems to run; all of `systems:` when absent.
    public var systems: [String]?
    public var baseline: String?
    public var scoring: ScoringConfig?
    /// Items answered at once across the experiment.
    public var concurrency: Int?
    /// Stop starting paid calls once this much is spent.
    public var budgetUSD: USD?
    /// Most calls per model name.
    public var quotas: [String: Int]?
    /// `sqlite:PATH`, a bare path, or `postgres://…`.
    public var store: String?
    public var mlflow: MLflowConfig?
    /// Every (model × prompt × scenario) cell instead of systems × dataset items.
    public var grid: GridConfig?
    /// The rubric people judge this experiment's answers with (`quorum judge export`).
    public var rubric: String?

    public init(name: String) { self.name = name }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case name, systems, baseline, scoring, concurrency, budgetUSD = "budget_usd", quotas, store, mlflow, grid, rubric
    }
}

/// How answers are scored: `{verifier: auto}` or `{judge: NAME}`.
public struct ScoringConfig: Sendable, Hashable, Codable {
    public var verifier: String?
    public var judge: String?
    public var tolerance: Double?

    public init(verifier: String? = nil, judge: String? = nil) {
        self.verifier = verifier
        self.judge = judge
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case verifier, judge, tolerance }
}

/// `mlflow:` — log runs to an MLflow tracking server.
public struct MLflowConfig: Sendable, Hashable, Codable {
    public var trackingURI: String
    public var experiment: String?
    public var perItem: Bool?

    public init(trackingURI: String) { self.trackingURI = trackingURI }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case trackingURI = "tracking_uri", experiment, perItem = "per_item"
    }
}

/// `server:` — settings for `quorum serve`.
public struct ServerConfig: Sendable, Hashable, Codable {
    public var apiKeys: [String]?
    /// A file of SHA-256 hex digests of accepted keys, one per line.
    public var apiKeysFile: String?
    public var maxBodyBytes: Int?
    public var maxMessages: Int?
    /// A SQLite store that keeps every served trace (relative to the config); none: memory only.
    public var store: String?
    /// Accept the virtual keys `quorum keys create` keeps in `store` (as `--virtual-keys` does):
    /// every request then needs a key.
    public var virtualKeys: Bool?

    public init() {}

    enum CodingKeys: String, CodingKey, CaseIterable {
        case apiKeys = "api_keys", apiKeysFile = "api_keys_file", maxBodyBytes = "max_body_bytes",
            maxMessages = "max_messages", store, virtualKeys = "virtual_keys"
    }
}
