/// The words the configuration language accepts, in one place for the validator and `quorum` help.
public enum ConfigVocabulary {
    /// OpenAI-compatible presets plus the other wire protocols.
    public static let providers = [
        "openai", "openrouter", "groq", "deepseek", "mistral", "deepinfra", "cerebras", "together", "fireworks",
        "vllm", "ollama", "llamacpp", "azure", "anthropic", "gemini", "local",
        // The cheapest provider with a key that offers the model (`ModelFactory.resolvingAutoProviders`).
        "auto",
    ]
    /// Providers whose wire gives no token logprobs (Anthropic's Messages API; Gemini's is not read yet).
    public static let providersWithoutLogprobs: Set<String> = ["anthropic", "gemini"]
    /// Providers whose embeddings Quorum cannot call: none (Anthropic), or not OpenAI's wire (Gemini, Azure's deployment paths).
    public static let providersWithoutEmbeddings: Set<String> = ["anthropic", "gemini", "azure"]
    /// Models the embedded local runtime can install and serve.
    public static let localModels = ["smollm2-135m", "qwen2.5-coder-0.5b", "qwen2.5-coder-1.5b"]
    public static let judgeTypes = JudgeKind.allCases.map(\.rawValue)
    public static let verifierKinds = [
        "exact", "normalized", "numeric", "choice", "regex", "contains", "json-schema", "code", "auto",
    ]
    public static let systemTypes = SystemKind.allCases.map(\.rawValue)
    /// How a model with several `deployments:` picks one (`routing:`).
    public static let routingStrategies = RoutingStrategy.allCases.map(\.rawValue)
    public static let builtinDatasets = ["quick-qa", "arena-hard-v2", "mt-bench", "humaneval"]
    public static let datasetFormats = ["jsonl", "csv", "json"]

    /// How `extract:` pulls a comparable answer out of text (QuorumOrchestration's `AnswerExtractor`).
    public static let extractions = ["number", "choice", "text", "auto"]

    /// Keys that mean something for each system type (besides `name`, `type`, `prompts`, `parameters`, `seed`, `cache`).
    public static let systemKeys: [String: Set<String>] = [
        "single": ["model"],
        "cascade": ["levels", "gate", "return", "escalate", "final_check"],
        "debate": ["levels", "judge", "threshold"],
        "moa": ["layers", "aggregator", "dropout", "weights", "max_references", "layer_prompts", "extract", "gate"],
        "best-of-n": ["model", "models", "n", "temperature", "judge", "selection"],
        "self-consistency": ["model", "n", "temperature", "extract", "judge", "gate"],
        "router": ["routes", "default", "strategy", "models", "router", "embeddings", "threshold", "gate"],
    ]
}
