import AsyncHTTPClient
import Foundation
import NIOCore
import QuorumCore

/// Counts tokens with a llama.cpp server's own tokenizer (`POST /extras/tokenize/count`,
/// body `{"input": "…"}` → `{"count": n}`), for answers the server streams without `usage`.
///
/// The prompt count covers the messages' text plus a small allowance per message for the chat
/// template's role markers (the server does not expose the rendered prompt), so it is close,
/// not exact; the answer count is exact.
struct TokenCounter: Sendable {
    /// The server root, e.g. `http://127.0.0.1:8080` (no `/v1`).
    let root: String
    let client: HTTPClient
    let timeout: Double

    /// Tokens per message added by chat templates (`<|im_start|>role\n … <|im_end|>\n`).
    static let templateTokensPerMessage = 4

    func usage(prompt: [ChatMessage], answer: String) async throws -> Usage {
        let promptText = prompt.map(\.content).joined(separator: "\n")
        async let promptCount = count(promptText)
        async let answerCount = count(answer)
        let overhead = prompt.count * Self.templateTokensPerMessage + 3
        return Usage(promptTokens: try await promptCount + overhead, completionTokens: try await answerCount)
    }

    func count(_ text: String) async throws -> Int {
        guard !text.isEmpty else { return 0 }
        var request = HTTPClientRequest(url: root + "/extras/tokenize/count")
        request.method = .POST
        request.headers.add(name: "content-type", value: "application/json")
        request.body = .bytes(JSONWriter.buffer(for: ["input": .string(text)]))
        let response = try await client.execute(request, timeout: .seconds(Int64(timeout)))
        let body = try await response.body.collect(upTo: 1 << 20)
        struct Count: Decodable { var count: Int }
        guard response.status == .ok else {
            throw QuorumError(.malformedResponse, "tokenize answered HTTP \(response.status.code)")
        }
        return try decodeJSON(Count.self, from: body, model: root, redactor: Redactor()).count
    }
}
