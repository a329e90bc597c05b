import NIOCore
import QuorumCore

/// The Anthropic Messages API (`POST /v1/messages`, `anthropic-version: 2023-06-01`).
///
/// System messages are lifted into the top-level `system` field; `max_tokens` is required (4096
/// when neither request nor config sets it). Structured output forces a tool whose
/// `input_schema` is the schema and returns the tool's input as the JSON text.
struct AnthropicWire: WireProtocol {
    static let version = "2023-06-01"
    static let defaultMaxTokens = 4096
    /// The tool forced for `.jsonObject(schema:)` without a name.
    static let defaultToolName = "respond"

    var baseURL: String
    var model: String
    var modelName: String
    var headers: [(String, String)]
    var redactor: Redactor

    func makeRequest(_ request: ChatRequest, stream: Bool) throws -> WireRequest {
        var system = request.messages.filter { $0.role == .system }.map(\.content)
        let turns = request.messages.filter { $0.role != .system }
        let parameters = request.parameters
        var body: [String: JSONValue] = [
            "model": .string(model),
            "max_tokens": .number(Double(parameters.maxTokens ?? Self.defaultMaxTokens)),
            "messages": .array(turns.map { ["role": .string($0.role.rawValue), "content": .string($0.content)] }),
        ]
        if let value = parameters.temperature { body["temperature"] = .number(value) }
        if let value = parameters.topP { body["top_p"] = .number(value) }
        if let value = parameters.stop, !value.isEmpty { body["stop_sequences"] = .array(value.map(JSONValue.string)) }
        if let tool = forcedTool(request.responseFormat) {
            body["tools"] = [tool]
            body["tool_choice"] = ["type": "tool", "name": tool["name"] ?? .string(Self.defaultToolName)]
        } else if case .jsonObject(nil) = request.responseFormat {
            // No schema to force a tool with: ask in words, as Anthropic's docs recommend.
            system.append("Respond with a single JSON object and nothing else.")
        }
        if !system.isEmpty { body["system"] = .string(system.joined(separator: "\n\n")) }
        if stream { body["stream"] = true }
        for (key, value) in parameters.extra { body[key] = value }
        let allHeaders = headers + [("anthropic-version", Self.version)]
        return WireRequest(
            url: baseURL + "/v1/messages", headers: jsonHeaders(allHeaders), body: JSONWriter.buffer(for: .object(body)))
    }

    private func forcedTool(_ format: ResponseFormat) -> JSONValue? {
        let name: String
        let schema: JSONValue
        switch format {
        case .text, .jsonObject(nil): return nil
        case .jsonObject(.some(let value)): (name, schema) = (Self.defaultToolName, value)
        case .jsonSchema(let value, let given): (name, schema) = (value, given)
        }
        return [
            "name": .string(name), "description": "Give the answer as this tool's input, matching its schema exactly.",
            "input_schema": schema,
        ]
    }

    func decodeCompletion(_ body: ByteBuffer) throws -> WireResult {
        let message = try decodeJSON(AnthropicMessage.self, from: body, model: modelName, redactor: redactor)
        let blocks = message.content ?? []
        let toolInput = blocks.first { $0.type == "tool_use" }?.input
        let text = toolInput.map { String(buffer: JSONWriter.buffer(for: $0)) }
            ?? blocks.compactMap { $0.type == "text" ? $0.text : nil }.joined()
        return WireResult(
            text: text, usage: message.usage?.usage,
            finishReason: FinishReason(anthropic: message.stopReason, forcedTool: toolInput != nil),
            model: message.model, responseID: message.id)
    }

    func makeStreamDecoder() -> AnthropicStreamDecoder { AnthropicStreamDecoder(wire: self) }
}

/// Reads `message_start` … `message_stop`, handing out text deltas and a forced tool's JSON deltas.
struct AnthropicStreamDecoder: WireStreamDecoder {
    let wire: AnthropicWire
    private(set) var isComplete = false
    private var answer = PartialAnswer()
    private var usage = AnthropicUsage()
    private var forcedTool = false

    init(wire: AnthropicWire) { self.wire = wire }

    var result: WireResult { answer.result }

    mutating func consume(_ event: SSEEvent) throws -> String? {
        let decoded = try decodeJSON(
            AnthropicEvent.self, from: ByteBuffer(string: event.data), model: wire.modelName, redactor: wire.redactor)
        switch decoded.type {
        case "message_start":
            answer.fields.model = decoded.message?.model
            answer.fields.responseID = decoded.message?.id
            if let start = decoded.message?.usage { usage = start }
        case "content_block_start":
            if decoded.contentBlock?.type == "tool_use" { forcedTool = true }
        case "content_block_delta":
            return answer.append(decoded.delta?.text ?? decoded.delta?.partialJSON)
        case "message_delta":
            answer.fields.finishReason = FinishReason(anthropic: decoded.delta?.stopReason, forcedTool: forcedTool)
            if let output = decoded.usage?.outputTokens { usage.outputTokens = output }
            if let input = decoded.usage?.inputTokens { usage.inputTokens = input }
        case "message_stop":
            isComplete = true
            answer.fields.usage = usage.usage
        case "error":
            throw UpstreamError.inBand(
                VendorMessage(json: ["error": decoded.error ?? .null]), model: wire.modelName, redactor: wire.redactor)
        default:
            break  // ping, content_block_stop, and event types added later
        }
        return nil
    }
}
