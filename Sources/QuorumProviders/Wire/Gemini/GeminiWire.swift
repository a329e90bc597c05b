import NIOCore
import QuorumCore

/// Google's Gemini API: `models/{model}:generateContent` and `:streamGenerateContent?alt=sse`,
/// key in the `x-goog-api-key` header (never in the URL, where proxies would log it).
///
/// System messages become `systemInstruction`; `assistant` turns are `model` turns; a schema
/// becomes `responseSchema` with `responseMimeType: application/json`.
struct GeminiWire: WireProtocol {
    var baseURL: String
    var model: String
    var modelName: String
    var headers: [(String, String)]
    var redactor: Redactor

    func makeRequest(_ request: ChatRequest, stream: Bool) throws -> WireRequest {
        let system = request.messages.filter { $0.role == .system }.map(\.content)
        let contents: [JSONValue] = request.messages.filter { $0.role != .system }.map {
            ["role": $0.role == .assistant ? "model" : "user", "parts": [["text": .string($0.content)]]]
        }
        var body: [String: JSONValue] = ["contents": .array(contents)]
        if !system.isEmpty { body["systemInstruction"] = ["parts": [["text": .string(system.joined(separator: "\n\n"))]]] }
        let generation = generationConfig(request)
        if !generation.isEmpty { body["generationConfig"] = .object(generation) }
        for (key, value) in request.parameters.extra { body[key] = value }
        let method = stream ? "streamGenerateContent?alt=sse" : "generateContent"
        return WireRequest(
            url: "\(baseURL)/models/\(model):\(method)", headers: jsonHeaders(headers),
            body: JSONWriter.buffer(for: .object(body)))
    }

    private func generationConfig(_ request: ChatRequest) -> [String: JSONValue] {
        let parameters = request.parameters
        var config: [String: JSONValue] = [:]
        if let value = parameters.temperature { config["temperature"] = .number(value) }
        if let value = parameters.topP { config["topP"] = .number(value) }
        if let value = parameters.maxTokens { config["maxOutputTokens"] = .number(Double(value)) }
        if let value = parameters.stop, !value.isEmpty { config["stopSequences"] = .array(value.map(JSONValue.string)) }
        if let value = parameters.seed { config["seed"] = .number(Double(value)) }
        if let value = parameters.n { config["candidateCount"] = .number(Double(value)) }
        if request.responseFormat != .text { config["responseMimeType"] = "application/json" }
        if let schema = request.responseFormat.schema { config["responseSchema"] = Self.openAPISchema(schema) }
        return config
    }

    /// Gemini's `responseSchema` takes an OpenAPI 3.0 subset: keep the keys it accepts, drop the
    /// rest (`additionalProperties`, `$schema`, `title`, …), and turn `"type": ["x", "null"]` into `nullable`.
    static func openAPISchema(_ schema: JSONValue) -> JSONValue {
        guard case .object(let members) = schema else { return schema }
        let kept: Set = [
            "type", "format", "description", "nullable", "enum", "properties", "required", "items", "minItems",
            "maxItems", "minimum", "maximum", "anyOf", "propertyOrdering",
        ]
        var result: [String: JSONValue] = [:]
        for (key, value) in members where kept.contains(key) {
            switch key {
            case "properties":
                result[key] = .object((value.objectValue ?? [:]).mapValues(openAPISchema))
            case "items":
                result[key] = openAPISchema(value)
            case "anyOf":
                result[key] = .array((value.arrayValue ?? []).map(openAPISchema))
            case "type":
                if let types = value.arrayValue {
                    result["type"] = types.first { $0 != "null" } ?? "string"
                    if types.contains("null") { result["nullable"] = true }
                } else {
                    result["type"] = value
                }
            default:
                result[key] = value
            }
        }
        return .object(result)
    }

    func decodeCompletion(_ body: ByteBuffer) throws -> WireResult {
        let response = try decode(body)
        return WireResult(
            text: response.text, usage: response.usageMetadata?.usage,
            finishReason: FinishReason(gemini: response.finishReason), model: response.modelVersion,
            responseID: response.responseId)
    }

    /// Decodes one body or chunk; an `error` object or a blocked prompt becomes a typed error.
    fileprivate func decode(_ body: ByteBuffer) throws -> GeminiResponse {
        let response = try decodeJSON(GeminiResponse.self, from: body, model: modelName, redactor: redactor)
        if let error = response.error {
            throw UpstreamError.inBand(VendorMessage(json: ["error": error]), model: modelName, redactor: redactor)
        }
        if let reason = response.promptFeedback?.blockReason, (response.candidates ?? []).isEmpty {
            throw QuorumError(
                .contentFiltered, "Gemini blocked the prompt (\(reason))", context: ["model": modelName])
        }
        return response
    }

    func makeStreamDecoder() -> GeminiStreamDecoder { GeminiStreamDecoder(wire: self) }
}

/// Reads `data: {GenerateContentResponse}` chunks. Gemini sends no `[DONE]`: the stream is
/// complete once a chunk carries a `finishReason` (and the body then ends).
struct GeminiStreamDecoder: WireStreamDecoder {
    let wire: GeminiWire
    private(set) var isComplete = false
    private var answer = PartialAnswer()

    init(wire: GeminiWire) { self.wire = wire }

    var result: WireResult { answer.result }

    mutating func consume(_ event: SSEEvent) throws -> String? {
        let chunk = try wire.decode(ByteBuffer(string: event.data))
        if let usage = chunk.usageMetadata { answer.fields.usage = usage.usage }
        if let model = chunk.modelVersion { answer.fields.model = model }
        if let id = chunk.responseId { answer.fields.responseID = id }
        if let reason = chunk.finishReason {
            answer.fields.finishReason = FinishReason(gemini: reason)
            isComplete = true
        }
        return answer.append(chunk.text)
    }
}
