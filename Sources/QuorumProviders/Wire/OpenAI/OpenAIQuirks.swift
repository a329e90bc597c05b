/// Where OpenAI-compatible servers differ from OpenAI itself.
struct OpenAIQuirks: Sendable, Hashable {
    /// How a JSON schema is asked for.
    enum StructuredOutput: Sendable, Hashable {
        /// `{"type": "json_schema", "json_schema": {"name", "schema"}}` (OpenAI and most servers).
        case jsonSchema
        /// `{"type": "json_object", "schema": {…}}`: llama.cpp's server answers HTTP 500 to `json_schema`.
        case jsonObjectWithSchema
    }

    var structuredOutput: StructuredOutput = .jsonSchema
    /// `max_completion_tokens` for OpenAI's own API (its reasoning models refuse `max_tokens`).
    var maxTokensField = "max_tokens"
    /// Mistral calls it `random_seed`.
    var seedField = "seed"
    /// Send `stream_options: {include_usage: true}`; Mistral rejects unknown fields and reports usage anyway.
    var sendsStreamOptions = true
    /// The server streams no usage: count tokens with its tokenizer endpoint (llama.cpp).
    var countsStreamUsage = false
}
