import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import QuorumCore

/// The few HTTP exchanges batch endpoints need (JSON or multipart POST, GET), over the shared
/// client, with vendor errors classified like live calls and 429/5xx retried after `Retry-After`.
struct BatchHTTP: Sendable {
    let client: HTTPClient
    /// Sent with every request (auth, API version); never logged.
    let headers: [(String, String)]
    /// The configured model name, for errors.
    let model: String
    let redactor: Redactor
    var attempts = 4
    var timeout: TimeAmount = .seconds(120)

    func get(_ url: String) async throws -> ByteBuffer {
        try await send(url, method: .GET, contentType: nil, body: nil)
    }

    func post(_ url: String, json: ByteBuffer) async throws -> ByteBuffer {
        try await send(url, method: .POST, contentType: "application/json", body: json)
    }

    /// `multipart/form-data` with the text `fields` and one file part named `file`.
    func postMultipart(_ url: String, fields: [(String, String)], fileName: String, file: ByteBuffer) async throws -> ByteBuffer {
        let boundary = "quorum-\(UUID().uuidString)"
        var body = ByteBuffer()
        for (name, value) in fields {
            body.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n")
        }
        body.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\(fileName)\"\r\n")
        body.writeString("Content-Type: application/jsonl\r\n\r\n")
        var content = file
        body.writeBuffer(&content)
        body.writeString("\r\n--\(boundary)--\r\n")
        return try await send(url, method: .POST, contentType: "multipart/form-data; boundary=\(boundary)", body: body)
    }

    private func send(_ url: String, method: HTTPMethod, contentType: String?, body: ByteBuffer?) async throws -> ByteBuffer {
        var attempt = 1
        while true {
            do {
                return try await once(url, method: method, contentType: contentType, body: body)
            } catch let error as QuorumError where attempt < attempts && Self.isRetryable(error) {
                // Creating a batch is not idempotent, but a 429 or 5xx answer means it was not created.
                let wait = min(error.retryAfter ?? Double(attempt), 30)
                try await Task.sleep(for: .milliseconds(Int(wait * 1000)))
                attempt += 1
            }
        }
    }

    private static func isRetryable(_ error: QuorumError) -> Bool {
        guard let status = error.httpStatus else { return false }
        return status == 429 || status >= 500
    }

    private func once(_ url: String, method: HTTPMethod, contentType: String?, body: ByteBuffer?) async throws -> ByteBuffer {
        var request = HTTPClientRequest(url: url)
        request.method = method
        request.headers.add(name: "accept", value: "application/json")
        request.headers.add(name: "user-agent", value: "quorum/0.1")
        if let contentType { request.headers.add(name: "content-type", value: contentType) }
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if let body { request.body = .bytes(body) }
        let response: HTTPClientResponse
        let collected: ByteBuffer
        do {
            response = try await client.execute(request, timeout: timeout)
            collected = try await response.body.collect(upTo: 256 << 20)
        } catch {
            throw redactor.redact(QuorumError(
                .upstreamUnavailable, "batch request to \(Self.path(of: url)) failed: \(error)", context: ["model": model]))
        }
        guard (200..<300).contains(response.status.code) else {
            throw UpstreamError.classify(
                status: Int(response.status.code), body: Array(collected.readableBytesView), model: model,
                retryAfter: RetryAfter.seconds(in: response.headers), redactor: redactor)
        }
        return collected
    }

    /// The URL without its query, for messages.
    private static func path(of url: String) -> String {
        String(url.prefix { $0 != "?" })
    }

    /// Decodes a JSON body, or throws `.malformedResponse` naming what was expected.
    func decode<Value: Decodable>(_ type: Value.Type, from body: ByteBuffer, what: String) throws -> Value {
        do {
            return try JSONDecoder().decode(type, from: Data(body.readableBytesView))
        } catch {
            let preview = redactor.redact(String(String(buffer: body).prefix(200)))
            throw QuorumError(.malformedResponse, "\(what) is not what the batch API returns: \(preview)", context: ["model": model])
        }
    }
}

extension ByteBuffer {
    /// The non-empty lines of a JSONL body.
    var jsonLines: [Substring] {
        String(buffer: self).split(whereSeparator: \.isNewline).filter { !$0.allSatisfy(\.isWhitespace) }
    }
}
