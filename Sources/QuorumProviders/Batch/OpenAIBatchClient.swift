import Foundation
import NIOCore
import QuorumCore

/// The OpenAI Batch API, and Azure OpenAI's copy of it: the lines go up as a JSONL file
/// (`POST /files`, `purpose=batch`), `POST /batches` starts the batch over that file,
/// `GET /batches/{id}` polls it, and its output and error files (`GET /files/{id}/content`)
/// hold one JSON line per request.
struct OpenAIBatchClient: BatchClient {
    /// Where the endpoints live: OpenAI's `/v1/...`, or Azure's `/openai/...?api-version=`.
    struct Layout: Sendable {
        /// `https://api.openai.com/v1`, or `https://RESOURCE.openai.azure.com/openai`.
        var root: String
        /// Azure's `api-version`; `nil` for OpenAI.
        var apiVersion: String?
        /// The `url` of every line and the batch's `endpoint`: `/v1/chat/completions` (Azure: `/chat/completions`).
        var endpoint: String

        func url(_ path: String) -> String {
            root + path + (apiVersion.map { "?api-version=\($0)" } ?? "")
        }
    }

    let vendor: String
    let wire: OpenAIWire
    let layout: Layout
    let http: BatchHTTP
    /// The model's parameters, filled in where a request leaves them unset (as a live call does).
    let defaults: GenerationParameters
    let price: Price?

    func submit(_ lines: [BatchLine]) async throws -> String {
        var file = ByteBuffer()
        for line in lines {
            var request = line.request
            request.parameters = request.parameters.merged(over: defaults)
            var body = try wire.makeRequest(request, stream: false).body
            file.writeString(#"{"custom_id":\#(JSONWriter.quoted(line.customID)),"method":"POST","url":\#(JSONWriter.quoted(layout.endpoint)),"body":"#)
            file.writeBuffer(&body)
            file.writeString("}\n")
        }
        let uploaded = try await http.postMultipart(
            layout.url("/files"), fields: [("purpose", "batch")], fileName: "quorum-batch.jsonl", file: file)
        let inputFile = try http.decode(OpenAIFileObject.self, from: uploaded, what: "the uploaded file")
        let create: JSONValue = [
            "input_file_id": .string(inputFile.id), "endpoint": .string(layout.endpoint), "completion_window": "24h",
        ]
        let created = try await http.post(layout.url("/batches"), json: JSONWriter.buffer(for: create))
        return try http.decode(OpenAIBatchObject.self, from: created, what: "the created batch").id
    }

    func status(of id: String) async throws -> BatchStatus {
        let body = try await http.get(layout.url("/batches/\(id)"))
        return try http.decode(OpenAIBatchObject.self, from: body, what: "the batch").batchStatus
    }

    func results(of id: String, status: BatchStatus) async throws -> [String: BatchLineResult] {
        let body = try await http.get(layout.url("/batches/\(id)"))
        let batch = try http.decode(OpenAIBatchObject.self, from: body, what: "the batch")
        var results: [String: BatchLineResult] = [:]
        // Errors first, so a line present in both files keeps its answer.
        for fileID in [batch.errorFileID, batch.outputFileID].compactMap({ $0 }) {
            let content = try await http.get(layout.url("/files/\(fileID)/content"))
            for text in content.jsonLines {
                let line = try http.decode(OpenAIBatchOutputLine.self, from: ByteBuffer(string: String(text)), what: "a batch output line")
                results[line.customID] = result(of: line)
            }
        }
        return results
    }

    private func result(of line: OpenAIBatchOutputLine) -> BatchLineResult {
        if let error = line.error { return .failure(error.sentence) }
        guard let response = line.response else { return .failure("the batch returned no response for this line") }
        let body = JSONWriter.buffer(for: response.body ?? .null)
        guard (200..<300).contains(response.statusCode) else {
            let error = UpstreamError.classify(
                status: response.statusCode, body: Array(body.readableBytesView), model: wire.modelName,
                retryAfter: nil, redactor: http.redactor)
            return .failure("HTTP \(response.statusCode): \(error.message)")
        }
        do {
            let answer = try wire.decodeCompletion(body)
            return .completion(BatchPricing.completion(answer, price: price, model: wire.modelName))
        } catch {
            return .failure("\(error)")
        }
    }
}

/// `POST /files` answers with the file object; only its id matters here.
struct OpenAIFileObject: Decodable {
    var id: String
}

/// A batch object: `{id, status, request_counts, output_file_id, error_file_id, errors}`.
struct OpenAIBatchObject: Decodable {
    struct Counts: Decodable {
        var total: Int?
        var completed: Int?
        var failed: Int?
    }

    struct Errors: Decodable {
        struct Entry: Decodable {
            var code: String?
            var message: String?
        }
        var data: [Entry]?
    }

    var id: String
    var status: String
    var requestCounts: Counts?
    var outputFileID: String?
    var errorFileID: String?
    var errors: Errors?

    enum CodingKeys: String, CodingKey {
        case id, status, requestCounts = "request_counts", outputFileID = "output_file_id", errorFileID = "error_file_id", errors
    }

    static let endedStatuses: Set<String> = ["completed", "failed", "expired", "cancelled"]

    var batchStatus: BatchStatus {
        let failure = errors?.data?.compactMap { entry in
            [entry.code, entry.message].compactMap { $0 }.joined(separator: ": ")
        }.joined(separator: "; ")
        let completed = requestCounts?.completed ?? 0, failed = requestCounts?.failed ?? 0
        return BatchStatus(
            vendorStatus: status, isEnded: Self.endedStatuses.contains(status), total: requestCounts?.total ?? 0,
            finished: completed + failed, failed: failed, failure: failure?.isEmpty == false ? failure : nil)
    }
}

/// One line of an output or error file.
struct OpenAIBatchOutputLine: Decodable {
    struct Response: Decodable {
        var statusCode: Int
        var body: JSONValue?
        enum CodingKeys: String, CodingKey { case statusCode = "status_code", body }
    }

    struct LineError: Decodable {
        var code: String?
        var message: String?
        var sentence: String { [code, message].compactMap { $0 }.joined(separator: ": ") }
    }

    var customID: String
    var response: Response?
    var error: LineError?

    enum CodingKeys: String, CodingKey { case customID = "custom_id", response, error }
}
