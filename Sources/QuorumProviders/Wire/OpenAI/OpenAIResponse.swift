import QuorumCore

/// A `chat.completion` or `chat.completion.chunk` object; every field optional because
/// compatible servers leave different ones out.
struct OpenAIResponse: Decodable, Sendable, Equatable {
    struct Message: Decodable, Sendable, Equatable {
        var content: String?
        var refusal: String?
    }

    struct Choice: Decodable, Sendable, Equatable {
        var index: Int?
        var message: Message?
        var delta: Message?
        var finishReason: String?
        var logprobs: Logprobs?

        enum CodingKeys: String, CodingKey {
            case index, message, delta, finishReason = "finish_reason", logprobs
        }
    }

    /// A choice's `logprobs`: `content` holds one entry per generated token.
    struct Logprobs: Decodable, Sendable, Equatable {
        struct Entry: Decodable, Sendable, Equatable {
            struct Alternative: Decodable, Sendable, Equatable {
                var token: String
                var logprob: Double
            }
            var token: String
            var logprob: Double
            var topLogprobs: [Alternative]?

            enum CodingKeys: String, CodingKey { case token, logprob, topLogprobs = "top_logprobs" }
        }
        var content: [Entry]?

        /// The entries as Quorum's values.
        var tokens: [TokenLogprob] {
            (content ?? []).map { entry in
                TokenLogprob(
                    token: entry.token, logprob: entry.logprob,
                    top: (entry.topLogprobs ?? []).map { .init(token: $0.token, logprob: $0.logprob) })
            }
        }
    }

    /// Groq puts streamed usage here.
    struct GroqExtras: Decodable, Sendable, Equatable {
        var usage: OpenAIUsage?
    }

    var id: String?
    var model: String?
    var choices: [Choice]?
    var usage: OpenAIUsage?
    var error: JSONValue?
    var xGroq: GroqExtras?

    enum CodingKeys: String, CodingKey {
        case id, model, choices, usage, error, xGroq = "x_groq"
    }
}

/// OpenAI's `usage`, with the cached-token fields of OpenAI (`prompt_tokens_details.cached_tokens`)
/// and DeepSeek (`prompt_cache_hit_tokens`), and OpenRouter's `cost` in USD.
struct OpenAIUsage: Decodable, Sendable, Equatable {
    struct PromptDetails: Decodable, Sendable, Equatable {
        var cachedTokens: Int?
        enum CodingKeys: String, CodingKey { case cachedTokens = "cached_tokens" }
    }

    var promptTokens: Int?
    var completionTokens: Int?
    var promptTokensDetails: PromptDetails?
    var promptCacheHitTokens: Int?
    var cost: USD?

    enum CodingKeys: String, CodingKey {
        case promptTokens = "prompt_tokens", completionTokens = "completion_tokens",
            promptTokensDetails = "prompt_tokens_details", promptCacheHitTokens = "prompt_cache_hit_tokens", cost
    }

    var usage: Usage {
        Usage(
            promptTokens: promptTokens ?? 0, completionTokens: completionTokens ?? 0,
            cachedPromptTokens: promptTokensDetails?.cachedTokens ?? promptCacheHitTokens ?? 0)
    }
}

extension FinishReason {
    /// OpenAI's `finish_reason` (and the values compatible servers use).
    init(openAI value: String?) {
        switch value {
        case nil, "stop", "eos", "end_turn", "stop_sequence": self = .stop
        case "length", "max_tokens": self = .length
        case "content_filter": self = .contentFilter
        case "tool_calls", "function_call": self = .toolCalls
        default: self = .other
        }
    }
}
