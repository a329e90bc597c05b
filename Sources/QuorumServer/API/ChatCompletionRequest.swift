import QuorumCore

/// The body of `POST /v1/chat/completions`, as OpenAI's clients send it.
struct ChatCompletionRequest: Decodable, Sendable, Equatable {
    var model: String
    var messages: [Message]
    var temperature: Double?
    var topP: Double?
    var maxTokens: Int?
    var maxCompletionTokens: Int?
    var stop: StopSequences?
    var seed: Int?
    var n: Int?
    var stream: Bool?
    var streamOptions: StreamOptions?
    var responseFormat: RequestResponseFormat?

    enum CodingKeys: String, CodingKey {
        case model, messages, temperature, topP = "top_p", maxTokens = "max_tokens",
            maxCompletionTokens = "max_completion_tokens", stop, seed, n, stream,
            streamOptions = "stream_options", responseFormat = "response_format"
    }

    struct Message: Decodable, Sendable, Equatable {
        var role: String
        var content: MessageContent?
    }

    struct StreamOptions: Decodable, Sendable, Equatable {
        var includeUsage: Bool?
        enum CodingKeys: String, CodingKey { case includeUsage = "include_usage" }
    }

    /// `response_format`: `{"type": "text" | "json_object" | "json_schema", "json_schema": {"name", "schema"}}`.
    struct RequestResponseFormat: Decodable, Sendable, Equatable {
        var type: String
        var jsonSchema: NamedSchema?
        var schema: JSONValue?

        struct NamedSchema: Decodable, Sendable, Equatable {
            var name: String?
            var schema: JSONValue?
        }

        enum CodingKeys: String, CodingKey { case type, jsonSchema = "json_schema", schema }
    }
}

/// `content` is a string, or a list of parts of which Quorum reads the text ones.
enum MessageContent: Decodable, Sendable, Equatable {
    case text(String)
    case parts([Part])

    struct Part: Decodable, Sendable, Equatable {
        var type: String
        var text: String?
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let text = try? container.decode(String.self) {
            self = .text(text)
        } else {
            self = .parts(try container.decode([Part].self))
        }
    }

    var text: String {
        switch self {
        case .text(let text): text
        case .parts(let parts): parts.compactMap { $0.type == "text" ? $0.text : nil }.joined(separator: "\n")
        }
    }
}

/// `stop` is a string or a list of strings.
struct StopSequences: Decodable, Sendable, Equatable {
    var values: [String]

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let one = try? container.decode(String.self) {
            values = [one]
        } else {
            values = try container.decode([String].self)
        }
    }
}

extension ChatCompletionRequest {
    /// Checks what JSON decoding cannot, naming the offending field as OpenAI does.
    func validate(maxMessages: Int) throws(GatewayError) {
        if model.isEmpty { throw .invalidRequest("'model' must not be empty", param: "model") }
        if messages.isEmpty { throw .invalidRequest("'messages' must contain at least one message", param: "messages") }
        if messages.count > maxMessages {
            throw .invalidRequest("'messages' has \(messages.count) messages; the limit is \(maxMessages)", param: "messages")
        }
        for (index, message) in messages.enumerated() where ChatMessage.Role(rawValue: role(message.role)) == nil {
            throw .invalidRequest(
                "'\(message.role)' is not a valid role; expected system, user or assistant", param: "messages[\(index)].role")
        }
        if let temperature, !(0...2).contains(temperature) {
            throw .invalidRequest("'temperature' must be between 0 and 2", param: "temperature")
        }
        if let n, n < 1 { throw .invalidRequest("'n' must be at least 1", param: "n") }
        if let tokens = maxCompletionTokens ?? maxTokens, tokens < 1 {
            throw .invalidRequest("'max_tokens' must be at least 1", param: "max_tokens")
        }
    }

    /// OpenAI's `developer` role is a system message to every other vendor.
    private func role(_ name: String) -> String { name == "developer" ? "system" : name }

    /// The request in Quorum's own terms.
    var chatRequest: ChatRequest {
        let converted = messages.map { message in
            ChatMessage(role: ChatMessage.Role(rawValue: role(message.role)) ?? .user, content: message.content?.text ?? "")
        }
        let parameters = GenerationParameters(
            temperature: temperature, topP: topP, maxTokens: maxCompletionTokens ?? maxTokens, stop: stop?.values,
            seed: seed, n: n)
        return ChatRequest(messages: converted, parameters: parameters, responseFormat: format)
    }

    private var format: ResponseFormat {
        switch responseFormat?.type {
        case "json_object": .jsonObject(schema: responseFormat?.schema)
        case "json_schema":
            .jsonSchema(
                name: responseFormat?.jsonSchema?.name ?? "response",
                schema: responseFormat?.jsonSchema?.schema ?? .object([:]))
        default: .text
        }
    }
}
