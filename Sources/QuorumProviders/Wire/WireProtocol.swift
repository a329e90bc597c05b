import Foundation
import NIOCore
import NIOHTTP1
import QuorumCore

/// One vendor's wire format: how a `ChatRequest` becomes an HTTP request and how the answer
/// (whole or streamed) becomes text, usage and a finish reason.
///
/// `HTTPChatModel` is generic over this protocol, so retries, limits, timeouts, timings and cost
/// are written once and every vendor is a small value type that only knows its JSON.
protocol WireProtocol: Sendable {
    associatedtype StreamDecoder: WireStreamDecoder

    /// The HTTP request for `request`; `stream` asks for server-sent events.
    func makeRequest(_ request: ChatRequest, stream: Bool) throws -> WireRequest

    /// Reads a whole (non-streamed) answer body.
    func decodeCompletion(_ body: ByteBuffer) throws -> WireResult

    /// A fresh decoder for one streamed answer.
    func makeStreamDecoder() -> StreamDecoder
}

/// Reads one streamed answer event by event.
protocol WireStreamDecoder: Sendable {
    /// Consumes one event; returns text to hand to the consumer (or `nil`).
    /// Throws `QuorumError` when the vendor sends an error event.
    mutating func consume(_ event: SSEEvent) throws -> String?

    /// Whether the vendor's end marker (`[DONE]`, `message_stop`, a final finish reason) was seen.
    var isComplete: Bool { get }

    /// What was gathered: text, usage, finish reason, ids.
    var result: WireResult { get }
}

/// An HTTP request ready to send.
struct WireRequest: Sendable {
    var url: String
    var headers: HTTPHeaders
    var body: ByteBuffer
}

/// What a vendor answered, before Quorum adds timings, attempts and cost.
struct WireResult: Sendable, Hashable {
    var text: String = ""
    /// `nil` when the vendor reported none (llama.cpp streams): the model counts or estimates.
    var usage: Usage?
    var finishReason: FinishReason = .stop
    var model: String?
    /// The id in the body (`chatcmpl-…`, `msg_…`, Gemini's `responseId`).
    var responseID: String?
    /// A cost the vendor reported itself (OpenRouter's `usage.cost`), which wins over the price table.
    var vendorCost: USD?
    /// The answer's tokens with their log-probabilities, when asked for and given.
    var logprobs: [TokenLogprob]?
}

/// The headers every JSON request carries.
func jsonHeaders(_ extra: [(String, String)]) -> HTTPHeaders {
    var headers = HTTPHeaders()
    headers.reserveCapacity(extra.count + 3)
    headers.add(name: "content-type", value: "application/json")
    headers.add(name: "accept", value: "application/json, text/event-stream")
    headers.add(name: "user-agent", value: "quorum/0.1")
    for (name, value) in extra { headers.add(name: name, value: value) }
    return headers
}

/// Decodes a vendor's JSON body, or throws `.malformedResponse` with a redacted preview of it.
func decodeJSON<Value: Decodable>(
    _ type: Value.Type, from body: ByteBuffer, model: String, redactor: Redactor
) throws -> Value {
    do {
        return try body.withUnsafeReadableBytes { bytes in
            try JSONDecoder().decode(type, from: Data(bytes))
        }
    } catch {
        let preview = redactor.redact(String(String(buffer: body).prefix(200)))
        throw QuorumError(.malformedResponse, "the answer is not valid JSON: \(preview)", context: ["model": model])
    }
}
