import QuorumCore

/// A Messages API `message` object (the non-streamed answer, and `message_start`'s payload).
struct AnthropicMessage: Decodable, Sendable {
    struct Block: Decodable, Sendable {
        var type: String
        var text: String?
        /// A `tool_use` block's arguments: the structured answer when a tool was forced.
        var input: JSONValue?
    }

    var id: String?
    var model: String?
    var content: [Block]?
    var stopReason: String?
    var usage: AnthropicUsage?

    enum CodingKeys: String, CodingKey {
        case id, model, content, stopReason = "stop_reason", usage
    }
}

/// Anthropic's `usage`: `input_tokens` excludes cache reads and writes, so the prompt total adds them back.
struct AnthropicUsage: Decodable, Sendable {
    init() {}

    var inputTokens: Int?
    var outputTokens: Int?
    var cacheCreationInputTokens: Int?
    var cacheReadInputTokens: Int?

    enum CodingKeys: String, CodingKey {
        case inputTokens = "input_tokens", outputTokens = "output_tokens",
            cacheCreationInputTokens = "cache_creation_input_tokens", cacheReadInputTokens = "cache_read_input_tokens"
    }

    var usage: Usage {
        let cached = cacheReadInputTokens ?? 0
        return Usage(
            promptTokens: (inputTokens ?? 0) + cached + (cacheCreationInputTokens ?? 0),
            completionTokens: outputTokens ?? 0, cachedPromptTokens: cached)
    }
}

/// One streamed event (`message_start`, `content_block_start`, `content_block_delta`,
/// `message_delta`, `message_stop`, `ping`, `error`).
struct AnthropicEvent: Decodable, Sendable {
    struct Delta: Decodable, Sendable {
        var type: String?
        var text: String?
        var partialJSON: String?
        var stopReason: String?

        enum CodingKeys: String, CodingKey {
            case type, text, partialJSON = "partial_json", stopReason = "stop_reason"
        }
    }

    var type: String
    var message: AnthropicMessage?
    var contentBlock: AnthropicMessage.Block?
    var delta: Delta?
    var usage: AnthropicUsage?
    var error: JSONValue?

    enum CodingKeys: String, CodingKey {
        case type, message, contentBlock = "content_block", delta, usage, error
    }
}

extension FinishReason {
    /// Anthropic's `stop_reason`; `tool_use` is a normal stop when Quorum forced the tool for structured output.
    init(anthropic value: String?, forcedTool: Bool) {
        switch value {
        case nil, "end_turn", "stop_sequence": self = .stop
        case "max_tokens": self = .length
        case "tool_use": self = forcedTool ? .stop : .toolCalls
        case "refusal": self = .contentFilter
        default: self = .other
        }
    }
}
