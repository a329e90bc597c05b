extension PriceTable {
    /// Context windows in tokens of the built-in table's models, from the vendors' model pages
    /// (standard tier: Anthropic's 1M-token beta and the like are opt-in, so not assumed).
    static let contextWindows: [String: Int] = [
        "gpt-5": 400_000, "gpt-5-mini": 400_000, "gpt-5-nano": 400_000,
        "gpt-4.1": 1_047_576, "gpt-4.1-mini": 1_047_576, "gpt-4.1-nano": 1_047_576,
        "gpt-4o": 128_000, "gpt-4o-mini": 128_000, "o3": 200_000, "o3-mini": 200_000, "o4-mini": 200_000,
        "o1": 200_000, "gpt-4-turbo": 128_000, "gpt-3.5-turbo": 16_385,
        "claude-opus-4-1": 200_000, "claude-opus-4": 200_000, "claude-sonnet-4-5": 200_000, "claude-sonnet-4": 200_000,
        "claude-3-7-sonnet": 200_000, "claude-3-5-sonnet": 200_000, "claude-3-5-haiku": 200_000,
        "claude-3-haiku": 200_000, "claude-3-opus": 200_000,
        "gemini-2.5-pro": 1_048_576, "gemini-2.5-flash": 1_048_576, "gemini-2.5-flash-lite": 1_048_576,
        "gemini-2.0-flash": 1_048_576, "gemini-2.0-flash-lite": 1_048_576, "gemini-1.5-pro": 2_097_152,
        "gemini-1.5-flash": 1_048_576,
        "meta-llama/llama-3.3-70b-instruct": 131_072, "meta-llama/llama-3.1-8b-instruct": 131_072,
        "deepseek/deepseek-chat-v3-0324": 163_840, "deepseek/deepseek-r1": 163_840,
        "qwen/qwen-2.5-72b-instruct": 32_768, "mistralai/mistral-small-3.1-24b-instruct": 128_000,
    ]
}
