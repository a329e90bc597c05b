import Foundation
import QuorumCore

/// `chat.completion` as OpenAI returns it, with Quorum's cost added to `usage`.
struct ChatCompletionResponse: Encodable, Sendable {
    var id: String
    var object = "chat.completion"
    var created: Int
    var model: String
    var choices: [Choice]
    var usage: UsageBody

    struct Choice: Encodable, Sendable {
        var index: Int
        var message: Message
        var finishReason: String
        enum CodingKeys: String, CodingKey { case index, message, finishReason = "finish_reason" }
    }

    struct Message: Encodable, Sendable {
        var role = "assistant"
        var content: String
    }
}

/// `usage` with OpenAI's token fields and `cost` in USD (as OpenRouter reports it).
struct UsageBody: Encodable, Sendable {
    var promptTokens: Int
    var completionTokens: Int
    var totalTokens: Int
    var cost: Decimal
    var promptTokensDetails: Details?

    struct Details: Encodable, Sendable {
        var cachedTokens: Int
        enum CodingKeys: String, CodingKey { case cachedTokens = "cached_tokens" }
    }

    init(_ usage: Usage, cost: USD) {
        promptTokens = usage.promptTokens
        completionTokens = usage.completionTokens
        totalTokens = usage.totalTokens
        self.cost = cost.amount
        promptTokensDetails = usage.cachedPromptTokens > 0 ? Details(cachedTokens: usage.cachedPromptTokens) : nil
    }

    enum CodingKeys: String, CodingKey {
        case promptTokens = "prompt_tokens", completionTokens = "completion_tokens", totalTokens = "total_tokens",
            cost, promptTokensDetails = "prompt_tokens_details"
    }
}

/// One `chat.completion.chunk` of a stream.
struct ChatCompletionChunk: Encodable, Sendable {
    var id: String
    var object = "chat.completion.chunk"
    var created: Int
    var model: String
    var choices: [Choice]
    var usage: UsageBody?

    struct Choice: Encodable, Sendable {
        var index = 0
        var delta: Delta
        var finishReason: String?

        enum CodingKeys: String, CodingKey { case index, delta, finishReason = "finish_reason" }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(index, forKey: .index)
            try container.encode(delta, forKey: .delta)
            // OpenAI sends an explicit null until the last chunk; some clients rely on the key.
            try container.encode(finishReason, forKey: .finishReason)
        }
    }

    struct Delta: Encodable, Sendable {
        var role: String?
        var content: String?
    }
}

extension FinishReason {
    /// OpenAI's spelling.
    var openAIName: String {
        switch self {
        case .stop, .other: "stop"
        case .length: "length"
        case .contentFilter: "content_filter"
        case .toolCalls: "tool_calls"
        }
    }
}

/// The model list of `GET /v1/models`.
struct ModelList: Encodable, Sendable {
    var object = "list"
    var data: [Entry]

    struct Entry: Encodable, Sendable {
        var id: String
        var object = "model"
        var created: Int
        var ownedBy: String
        enum CodingKeys: String, CodingKey { case id, object, created, ownedBy = "owned_by" }
    }
}
