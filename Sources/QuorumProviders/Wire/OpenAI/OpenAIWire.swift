import Foundation
import NIOCore
import QuorumCore

/// The OpenAI `/v1/chat/completions` wire format, spoken by OpenAI, Azure OpenAI and every
/// OpenAI-compatible server (OpenRouter, Groq, DeepSeek, Mistral, vLLM, Ollama, llama.cpp, …).
struct OpenAIWire: WireProtocol {
    /// The full endpoint URL (Azure's carries `?api-version=`).
    var url: String
    /// The `model` field; Azure ignores it (the deployment is in the URL).
    var model: String
    /// The configured model name, for errors.
    var modelName: String
    var headers: [(String, String)]
    var quirks: OpenAIQuirks
    var redactor: Redactor

    func makeRequest(_ request: ChatRequest, stream: Bool) throws -> WireRequest {
        var body: [String: JSONValue] = [
            "model": .string(model),
            "messages": .array(request.messages.map { ["role": .string($0.role.rawValue), "content": .string($0.content)] }),
        ]
        let parameters = request.parameters
        if let value = parameters.temperature { body["temperature"] = .number(value) }
        if let value = parameters.topP { body["top_p"] = .number(value) }
        if let value = parameters.maxTokens { body[quirks.maxTokensField] = .number(Double(value)) }
        if let value = parameters.stop, !value.isEmpty { body["stop"] = .array(value.map(JSONValue.string)) }
        if let value = parameters.seed { body[quirks.seedField] = .number(Double(value)) }
        if let value = parameters.n { body["n"] = .number(Double(value)) }
        if let value = parameters.logprobs {
            body["logprobs"] = true
            if value > 0 { body["top_logprobs"] = .number(Double(value)) }
        }
        if let format = responseFormat(request.responseFormat) { body["response_format"] = format }
        if stream {
            body["stream"] = true
            if quirks.sendsStreamOptions { body["stream_options"] = ["include_usage": true] }
        }
        for (key, value) in parameters.extra { body[key] = value }
        return WireRequest(url: url, headers: jsonHeaders(headers), body: JSONWriter.buffer(for: .object(body)))
    }

    private func responseFormat(_ format: ResponseFormat) -> JSONValue? {
        switch (format, quirks.structuredOutput) {
        case (.text, _): return nil
        case (.jsonObject(nil), _): return ["type": "json_object"]
        case (.jsonObject(.some(let schema)), .jsonObjectWithSchema), (.jsonSchema(_, let schema), .jsonObjectWithSchema):
            return ["type": "json_object", "schema": schema]
        case (.jsonObject(.some(let schema)), .jsonSchema):
            return ["type": "json_schema", "json_schema": ["name": "response", "schema": schema]]
        case (.jsonSchema(let name, let schema), .jsonSchema):
            var spec: [String: JSONValue] = ["name": .string(name), "schema": schema]
            // Strict mode rejects schemas that allow extra properties; ask for it only when it will be accepted.
            if schema["additionalProperties"] == .bool(false) { spec["strict"] = true }
            return ["type": "json_schema", "json_schema": .object(spec)]
        }
    }

    func decodeCompletion(_ body: ByteBuffer) throws -> WireResult {
        let response = try decode(body)
        if let error = response.error {
            throw UpstreamError.inBand(VendorMessage(json: ["error": error]), model: modelName, redactor: redactor)
        }
        guard let choice = response.choices?.first(where: { ($0.index ?? 0) == 0 }) else {
            throw QuorumError(.malformedResponse, "the answer has no choices", context: ["model": modelName])
        }
        let text = choice.message?.content ?? choice.message?.refusal ?? ""
        var finish = FinishReason(openAI: choice.finishReason)
        if choice.message?.content == nil, choice.message?.refusal != nil { finish = .contentFilter }
        return WireResult(
            text: text, usage: response.usage?.usage, finishReason: finish, model: response.model,
            responseID: response.id, vendorCost: response.usage?.cost, logprobs: choice.logprobs?.tokens)
    }

    fileprivate func decode(_ body: ByteBuffer) throws -> OpenAIResponse {
        if let response = OpenAIResponse.read(body) { return response }
        return try decodeJSON(OpenAIResponse.self, from: body, model: modelName, redactor: redactor)
    }

    func makeStreamDecoder() -> OpenAIStreamDecoder { OpenAIStreamDecoder(wire: self) }
}

/// Reads `data: {chunk}` events up to `data: [DONE]`.
struct OpenAIStreamDecoder: WireStreamDecoder {
    let wire: OpenAIWire
    private(set) var isComplete = false
    private var answer = PartialAnswer()

    init(wire: OpenAIWire) { self.wire = wire }

    var result: WireResult { answer.result }

    mutating func consume(_ event: SSEEvent) throws -> String? {
        if event.data == "[DONE]" {
            isComplete = true
            return nil
        }
        // Read straight from the event's text; a copy into a buffer only if the reader gives up.
        let chunk = try OpenAIResponse.read(event.data) ?? wire.decode(ByteBuffer(string: event.data))
        if let error = chunk.error {
            throw UpstreamError.inBand(VendorMessage(json: ["error": error]), model: wire.modelName, redactor: wire.redactor)
        }
        if let usage = chunk.usage ?? chunk.xGroq?.usage {
            answer.fields.usage = usage.usage
            if let cost = usage.cost { answer.fields.vendorCost = cost }
        }
        if let model = chunk.model { answer.fields.model = model }
        if let id = chunk.id { answer.fields.responseID = id }
        guard let choice = chunk.choices?.first(where: { ($0.index ?? 0) == 0 }) else { return nil }
        if let reason = choice.finishReason { answer.fields.finishReason = FinishReason(openAI: reason) }
        if let tokens = choice.logprobs?.tokens { answer.fields.logprobs = (answer.fields.logprobs ?? []) + tokens }
        return answer.append(choice.delta?.content)
    }
}
