/// Tokens one call consumed, as the vendor reported them (or as counted, where the vendor reports none).
public struct Usage: Sendable, Hashable, Codable {
    public var promptTokens: Int
    public var completionTokens: Int
    /// Prompt tokens served from the vendor's prompt cache (a subset of `promptTokens`).
    public var cachedPromptTokens: Int

    public init(promptTokens: Int = 0, completionTokens: Int = 0, cachedPromptTokens: Int = 0) {
        self.promptTokens = promptTokens
        self.completionTokens = completionTokens
        self.cachedPromptTokens = cachedPromptTokens
    }

    public var totalTokens: Int { promptTokens + completionTokens }

    public static let zero = Usage()

    public static func + (lhs: Usage, rhs: Usage) -> Usage {
        Usage(
            promptTokens: lhs.promptTokens + rhs.promptTokens,
            completionTokens: lhs.completionTokens + rhs.completionTokens,
            cachedPromptTokens: lhs.cachedPromptTokens + rhs.cachedPromptTokens
        )
    }

    public static func += (lhs: inout Usage, rhs: Usage) { lhs = lhs + rhs }
}
