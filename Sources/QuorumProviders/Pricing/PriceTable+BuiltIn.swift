import QuorumCore

extension PriceTable {
    /// The built-in table: list prices for standard (non-batch) API use, short-context tier.
    public static let builtIn = PriceTable(asOf: "2025-09-01", entries: (openAI + anthropic + gemini + openRouter).map { entry in
            var entry = entry
            entry.contextWindow = contextWindows[entry.model]
            return entry
        })

    private static func entry(_ vendor: String, _ model: String, _ input: String, _ output: String, cached: String? = nil) -> Entry {
        Entry(
            vendor: vendor, model: model,
            price: Price(input: USD(string: input)!, output: USD(string: output)!, cachedInput: cached.flatMap(USD.init(string:))))
    }

    private static let openAI: [Entry] = [
        entry("openai", "gpt-5", "1.25", "10.00", cached: "0.125"),
        entry("openai", "gpt-5-mini", "0.25", "2.00", cached: "0.025"),
        entry("openai", "gpt-5-nano", "0.05", "0.40", cached: "0.005"),
        entry("openai", "gpt-4.1", "2.00", "8.00", cached: "0.50"),
        entry("openai", "gpt-4.1-mini", "0.40", "1.60", cached: "0.10"),
        entry("openai", "gpt-4.1-nano", "0.10", "0.40", cached: "0.025"),
        entry("openai", "gpt-4o", "2.50", "10.00", cached: "1.25"),
        entry("openai", "gpt-4o-mini", "0.15", "0.60", cached: "0.075"),
        entry("openai", "o3", "2.00", "8.00", cached: "0.50"),
        entry("openai", "o3-mini", "1.10", "4.40", cached: "0.55"),
        entry("openai", "o4-mini", "1.10", "4.40", cached: "0.275"),
        entry("openai", "o1", "15.00", "60.00", cached: "7.50"),
        entry("openai", "gpt-4-turbo", "10.00", "30.00"),
        entry("openai", "gpt-3.5-turbo", "0.50", "1.50"),
    ]

    private static let anthropic: [Entry] = [
        entry("anthropic", "claude-opus-4-1", "15.00", "75.00", cached: "1.50"),
        entry("anthropic", "claude-opus-4", "15.00", "75.00", cached: "1.50"),
        entry("anthropic", "claude-sonnet-4-5", "3.00", "15.00", cached: "0.30"),
        entry("anthropic", "claude-sonnet-4", "3.00", "15.00", cached: "0.30"),
        entry("anthropic", "claude-3-7-sonnet", "3.00", "15.00", cached: "0.30"),
        entry("anthropic", "claude-3-5-sonnet", "3.00", "15.00", cached: "0.30"),
        entry("anthropic", "claude-3-5-haiku", "0.80", "4.00", cached: "0.08"),
        entry("anthropic", "claude-3-haiku", "0.25", "1.25", cached: "0.03"),
        entry("anthropic", "claude-3-opus", "15.00", "75.00", cached: "1.50"),
    ]

    private static let gemini: [Entry] = [
        entry("gemini", "gemini-2.5-pro", "1.25", "10.00", cached: "0.31"),
        entry("gemini", "gemini-2.5-flash", "0.30", "2.50", cached: "0.075"),
        entry("gemini", "gemini-2.5-flash-lite", "0.10", "0.40", cached: "0.025"),
        entry("gemini", "gemini-2.0-flash", "0.10", "0.40", cached: "0.025"),
        entry("gemini", "gemini-2.0-flash-lite", "0.075", "0.30"),
        entry("gemini", "gemini-1.5-pro", "1.25", "5.00"),
        entry("gemini", "gemini-1.5-flash", "0.075", "0.30"),
    ]

    /// OpenRouter ids of open-weight models (vendor models resolve through their own rows via the prefix).
    private static let openRouter: [Entry] = [
        entry("openrouter", "meta-llama/llama-3.3-70b-instruct", "0.13", "0.40"),
        entry("openrouter", "meta-llama/llama-3.1-8b-instruct", "0.02", "0.03"),
        entry("openrouter", "deepseek/deepseek-chat-v3-0324", "0.28", "0.88"),
        entry("openrouter", "deepseek/deepseek-r1", "0.40", "2.00"),
        entry("openrouter", "qwen/qwen-2.5-72b-instruct", "0.12", "0.39"),
        entry("openrouter", "mistralai/mistral-small-3.1-24b-instruct", "0.05", "0.10"),
    ]
}
