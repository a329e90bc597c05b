import QuorumCore

/// A `GenerateContentResponse` (the whole answer, and each streamed chunk).
struct GeminiResponse: Decodable, Sendable {
    struct Part: Decodable, Sendable {
        var text: String?
        /// Thought summaries are not part of the answer.
        var thought: Bool?
    }

    struct Content: Decodable, Sendable {
        var parts: [Part]?
    }

    struct Candidate: Decodable, Sendable {
        var content: Content?
        var finishReason: String?
        var index: Int?
    }

    struct PromptFeedback: Decodable, Sendable {
        var blockReason: String?
    }

    /// `promptTokenCount` includes cached tokens; thinking tokens are billed as output.
    struct UsageMetadata: Decodable, Sendable {
        var promptTokenCount: Int?
        var candidatesTokenCount: Int?
        var cachedContentTokenCount: Int?
        var thoughtsTokenCount: Int?

        var usage: Usage {
            Usage(
                promptTokens: promptTokenCount ?? 0,
                completionTokens: (candidatesTokenCount ?? 0) + (thoughtsTokenCount ?? 0),
                cachedPromptTokens: cachedContentTokenCount ?? 0)
        }
    }

    var candidates: [Candidate]?
    var promptFeedback: PromptFeedback?
    var usageMetadata: UsageMetadata?
    var modelVersion: String?
    var responseId: String?
    var error: JSONValue?

    /// The first candidate's answer text, thoughts left out.
    var text: String {
        let candidate = candidates?.first { ($0.index ?? 0) == 0 }
        return (candidate?.content?.parts ?? []).filter { $0.thought != true }.compactMap(\.text).joined()
    }

    var finishReason: String? { candidates?.first { ($0.index ?? 0) == 0 }?.finishReason }
}

extension FinishReason {
    /// Gemini's `finishReason`.
    init(gemini value: String?) {
        switch value {
        case nil, "STOP", "FINISH_REASON_UNSPECIFIED": self = .stop
        case "MAX_TOKENS": self = .length
        case "SAFETY", "RECITATION", "BLOCKLIST", "PROHIBITED_CONTENT", "SPII", "IMAGE_SAFETY": self = .contentFilter
        case "MALFORMED_FUNCTION_CALL": self = .toolCalls
        default: self = .other
        }
    }
}
