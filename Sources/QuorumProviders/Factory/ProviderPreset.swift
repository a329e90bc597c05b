/// The defaults of one OpenAI-compatible vendor: where it lives, which environment variable
/// usually holds its key, and how it differs from OpenAI.
struct ProviderPreset: Sendable {
    var name: String
    var baseURL: String
    /// The environment variable read when the config gives no `api_key`.
    var keyVariable: String?
    /// Whether a call without a key is a configuration error (cloud vendors) or fine (local servers).
    var requiresKey: Bool
    var quirks: OpenAIQuirks = OpenAIQuirks()

    /// Every OpenAI-compatible preset, by `provider:` name.
    static let all: [String: ProviderPreset] = Dictionary(
        uniqueKeysWithValues: [
            ProviderPreset(
                name: "openai", baseURL: "https://api.openai.com/v1", keyVariable: "OPENAI_API_KEY", requiresKey: true,
                quirks: OpenAIQuirks(maxTokensField: "max_completion_tokens")),
            ProviderPreset(
                name: "openrouter", baseURL: "https://openrouter.ai/api/v1", keyVariable: "OPENROUTER_API_KEY",
                requiresKey: true),
            ProviderPreset(
                name: "groq", baseURL: "https://api.groq.com/openai/v1", keyVariable: "GROQ_API_KEY", requiresKey: true),
            ProviderPreset(
                name: "deepseek", baseURL: "https://api.deepseek.com/v1", keyVariable: "DEEPSEEK_API_KEY",
                requiresKey: true),
            ProviderPreset(
                name: "mistral", baseURL: "https://api.mistral.ai/v1", keyVariable: "MISTRAL_API_KEY", requiresKey: true,
                quirks: OpenAIQuirks(seedField: "random_seed", sendsStreamOptions: false)),
            ProviderPreset(
                name: "deepinfra", baseURL: "https://api.deepinfra.com/v1/openai", keyVariable: "DEEPINFRA_API_KEY",
                requiresKey: true),
            ProviderPreset(
                name: "cerebras", baseURL: "https://api.cerebras.ai/v1", keyVariable: "CEREBRAS_API_KEY",
                requiresKey: true),
            ProviderPreset(
                name: "together", baseURL: "https://api.together.xyz/v1", keyVariable: "TOGETHER_API_KEY",
                requiresKey: true),
            ProviderPreset(
                name: "fireworks", baseURL: "https://api.fireworks.ai/inference/v1", keyVariable: "FIREWORKS_API_KEY",
                requiresKey: true),
            ProviderPreset(name: "vllm", baseURL: "http://127.0.0.1:8000/v1", keyVariable: "VLLM_API_KEY", requiresKey: false),
            ProviderPreset(name: "ollama", baseURL: "http://127.0.0.1:11434/v1", keyVariable: nil, requiresKey: false),
            ProviderPreset(
                name: "llamacpp", baseURL: "http://127.0.0.1:8080/v1", keyVariable: nil, requiresKey: false,
                quirks: OpenAIQuirks(structuredOutput: .jsonObjectWithSchema, countsStreamUsage: true)),
        ].map { ($0.name, $0) })
}
