import AsyncHTTPClient
import Foundation
import NIOCore
import QuorumCore
import Synchronization

/// Counts tokens with a llama.cpp server's own tokenizer, for answers it streams without `usage`.
///
/// The answer is counted exactly: llama.cpp's own server at `POST /tokenize` (`{"content": "…"}` →
/// `{"tokens": […]}`), llama-cpp-python's at `POST /extras/tokenize/count` (`{"input": "…"}` →
/// `{"count": n}`), whichever answers. The prompt's
/// text is counted the same way, plus the tokens the chat template adds around the messages
/// (role markers, a default system prompt): that overhead is measured once per sequence of roles
/// with a one-token non-streamed call whose `usage.prompt_tokens` the server does report.
struct TokenCounter: Sendable {
    /// The server root, e.g. `http://127.0.0.1:8080` (no `/v1`).
    let root: String
    let model: String
    let headers: [(String, String)]
    let client: HTTPClient
    let timeout: Double
    /// Template overhead in tokens, by role sequence (`"system,user"`); shared by copies of this counter.
    let overheads = TemplateOverheads()

    func usage(prompt: [ChatMessage], answer: String) async throws -> Usage {
        async let promptText = count(prompt.map(\.content).joined(separator: "\n"))
        async let answerCount = count(answer)
        let overhead = try await templateOverhead(for: prompt.map(\.role))
        return Usage(promptTokens: try await promptText + overhead, completionTokens: try await answerCount)
    }

    func count(_ text: String) async throws -> Int {
        guard !text.isEmpty else { return 0 }
        struct Tokens: Decodable { var tokens: [JSONValue] }
        struct Count: Decodable { var count: Int }
        // Once llama-cpp-python's route has failed, go straight to llama.cpp's own.
        if overheads.table.withLock({ $0[Self.nativeRoute] == nil }) {
            do {
                let body = try await post("/extras/tokenize/count", ["input": .string(text)])
                return try decodeJSON(Count.self, from: body, model: model, redactor: Redactor()).count
            } catch {
                overheads.table.withLock { $0[Self.nativeRoute] = 1 }
            }
        }
        let body = try await post("/tokenize", ["content": .string(text)])
        return try decodeJSON(Tokens.self, from: body, model: model, redactor: Redactor()).tokens.count
    }

    /// The key in `overheads` that marks a server with llama.cpp's own `/tokenize` route only.
    private static let nativeRoute = "route:/tokenize"

    /// Tokens the chat template adds for messages with these roles.
    private func templateOverhead(for roles: [ChatMessage.Role]) async throws -> Int {
        let key = roles.map(\.rawValue).joined(separator: ",")
        if let known = overheads.table.withLock({ $0[key] }) { return known }
        let probe = roles.map { ChatMessage(role: $0, content: ".") }
        struct Answer: Decodable {
            struct Usage: Decodable { var prompt_tokens: Int }
            var usage: Usage
        }
        let messages = JSONValue.array(probe.map { ["role": .string($0.role.rawValue), "content": ".", ] })
        let body = try await post("/v1/chat/completions", ["model": .string(model), "messages": messages, "max_tokens": 1, "temperature": 0])
        let reported = try decodeJSON(Answer.self, from: body, model: model, redactor: Redactor()).usage.prompt_tokens
        let text = try await count(probe.map(\.content).joined(separator: "\n"))
        let overhead = max(0, reported - text)
        overheads.table.withLock { $0[key] = overhead }
        return overhead
    }

    private func post(_ path: String, _ json: JSONValue) async throws -> ByteBuffer {
        var request = HTTPClientRequest(url: root + path)
        request.method = .POST
        request.headers = jsonHeaders(headers)
        request.body = .bytes(JSONWriter.buffer(for: json))
        let response = try await client.execute(request, timeout: .seconds(Int64(timeout)))
        let body = try await response.body.collect(upTo: 1 << 20)
        guard response.status == .ok else {
            throw QuorumError(.malformedResponse, "\(path) answered HTTP \(response.status.code)", context: ["model": model])
        }
        return body
    }
}

/// The measured template overheads, shared by all copies of one model's `TokenCounter`.
/// A `final class` holding only a `Mutex`, hence `Sendable`.
final class TemplateOverheads: Sendable {
    let table = Mutex<[String: Int]>([:])
}
