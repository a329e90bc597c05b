/// What a caller asks of a model: the conversation, sampling parameters and the output format.
public struct ChatRequest: Sendable, Hashable, Codable {
    public var messages: [ChatMessage]
    public var parameters: GenerationParameters
    public var responseFormat: ResponseFormat

    public init(
        messages: [ChatMessage], parameters: GenerationParameters = GenerationParameters(),
        responseFormat: ResponseFormat = .text
    ) {
        self.messages = messages
        self.parameters = parameters
        self.responseFormat = responseFormat
    }

    /// A one-turn request: `prompt` as the user message, with an optional system message first.
    public init(prompt: String, system: String? = nil, parameters: GenerationParameters = GenerationParameters()) {
        var messages: [ChatMessage] = []
        if let system { messages.append(.system(system)) }
        messages.append(.user(prompt))
        self.init(messages: messages, parameters: parameters)
    }
}

/// The shape the answer must take. Each provider maps this to its vendor's mechanism
/// (OpenAI `json_schema`, llama.cpp `json_object`+schema, Anthropic tool forcing, Gemini `responseSchema`).
public enum ResponseFormat: Sendable, Hashable, Codable {
    /// Free text.
    case text
    /// Any JSON object, optionally constrained by a JSON schema.
    case jsonObject(schema: JSONValue?)
    /// A named JSON schema (strict structured output where the vendor has it).
    case jsonSchema(name: String, schema: JSONValue)

    /// The schema to enforce, if any.
    public var schema: JSONValue? {
        switch self {
        case .text: nil
        case .jsonObject(let schema): schema
        case .jsonSchema(_, let schema): schema
        }
    }
}
