import AsyncHTTPClient
import Foundation
import NIOCore
import QuorumCore

/// Turns texts into vectors through an OpenAI-compatible `POST /v1/embeddings` (OpenAI, vLLM, Ollama,
/// llama.cpp's server started with `--embeddings`, such as the local runtime's `NAME-embeddings`).
public struct EmbeddingClient: Sendable {
    /// The API root ending in `/v1`.
    public var baseURL: String
    /// The `model` field.
    public var model: String
    /// Sent as `Authorization: Bearer …`; never logged.
    public var apiKey: String?
    public var timeout: Duration
    private let client: HTTPClient

    public init(baseURL: String, model: String, apiKey: String? = nil, timeout: Duration = .seconds(60),
                client: HTTPClient = .shared) {
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.model = model
        self.apiKey = apiKey
        self.timeout = timeout
        self.client = client
    }

    /// One vector per input, in input order. Throws a `QuorumError` naming the model on an HTTP error
    /// or an answer that is not an embeddings list.
    public func embed(_ inputs: [String]) async throws -> [[Double]] {
        try await embedCounting(inputs).vectors
    }

    /// The vectors and the prompt tokens the server says it read (0 when it does not say).
    public func embedCounting(_ inputs: [String]) async throws -> (vectors: [[Double]], promptTokens: Int) {
        var request = HTTPClientRequest(url: baseURL + "/embeddings")
        request.method = .POST
        var headers: [(String, String)] = []
        if let apiKey, !apiKey.isEmpty { headers.append(("authorization", "Bearer \(apiKey)")) }
        request.headers = jsonHeaders(headers)
        let body: JSONValue = ["model": .string(model), "input": .array(inputs.map(JSONValue.string))]
        request.body = .bytes(JSONWriter.buffer(for: body))
        let response: HTTPClientResponse
        do {
            response = try await client.execute(request, timeout: .nanoseconds(timeout.components.seconds * 1_000_000_000))
        } catch {
            throw QuorumError(.upstreamUnavailable, "could not reach \(baseURL)/embeddings: \(error)", context: ["model": model])
        }
        let bytes = try await response.body.collect(upTo: 64 << 20)
        guard response.status == .ok else {
            throw QuorumError(
                .invalidRequest, "embeddings answered: \(String(buffer: bytes).prefix(300))", context: ["model": model],
                httpStatus: Int(response.status.code))
        }
        struct Answer: Decodable {
            struct Item: Decodable { var index: Int?; var embedding: [Double] }
            struct Counts: Decodable {
                var promptTokens: Int?
                enum CodingKeys: String, CodingKey { case promptTokens = "prompt_tokens" }
            }
            var data: [Item]
            var usage: Counts?
        }
        let answer = try decodeJSON(Answer.self, from: bytes, model: model, redactor: Redactor())
        let ordered = answer.data.enumerated().sorted { ($0.element.index ?? $0.offset) < ($1.element.index ?? $1.offset) }
        guard ordered.count == inputs.count else {
            throw QuorumError(
                .malformedResponse, "asked for \(inputs.count) embeddings, got \(ordered.count)", context: ["model": model])
        }
        return (ordered.map(\.element.embedding), answer.usage?.promptTokens ?? 0)
    }
}
