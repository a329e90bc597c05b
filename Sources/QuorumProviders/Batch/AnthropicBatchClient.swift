import Foundation
import NIOCore
import QuorumCore

/// Anthropic's Message Batches: `POST /v1/messages/batches` with `requests: [{custom_id, params}]`,
/// `GET /v1/messages/batches/{id}` until `processing_status` is `ended`, then the JSONL at
/// `results_url`, one `{custom_id, result: {type: succeeded|errored|canceled|expired}}` a line.
struct AnthropicBatchClient: BatchClient {
    var vendor: String { "anthropic" }
    let wire: AnthropicWire
    let http: BatchHTTP
    let defaults: GenerationParameters
    let price: Price?

    private var root: String { wire.baseURL + "/v1/messages/batches" }

    func submit(_ lines: [BatchLine]) async throws -> String {
        var body = ByteBuffer()
        body.writeString(#"{"requests":["#)
        for (index, line) in lines.enumerated() {
            var request = line.request
            request.parameters = request.parameters.merged(over: defaults)
            var params = try wire.makeRequest(request, stream: false).body
            body.writeString((index == 0 ? "" : ",") + #"{"custom_id":\#(JSONWriter.quoted(line.customID)),"params":"#)
            body.writeBuffer(&params)
            body.writeString("}")
        }
        body.writeString("]}")
        let created = try await http.post(root, json: body)
        return try http.decode(AnthropicBatchObject.self, from: created, what: "the created batch").id
    }

    func status(of id: String) async throws -> BatchStatus {
        try http.decode(AnthropicBatchObject.self, from: try await http.get("\(root)/\(id)"), what: "the batch").batchStatus
    }

    func results(of id: String, status: BatchStatus) async throws -> [String: BatchLineResult] {
        let batch = try http.decode(AnthropicBatchObject.self, from: try await http.get("\(root)/\(id)"), what: "the batch")
        let content = try await http.get(batch.resultsURL ?? "\(root)/\(id)/results")
        var results: [String: BatchLineResult] = [:]
        for text in content.jsonLines {
            let line = try http.decode(AnthropicBatchResultLine.self, from: ByteBuffer(string: String(text)), what: "a batch result line")
            results[line.customID] = result(of: line.result)
        }
        return results
    }

    private func result(of result: AnthropicBatchResultLine.Result) -> BatchLineResult {
        switch result.type {
        case "succeeded":
            guard let message = result.message else { return .failure("succeeded without a message") }
            do {
                let answer = try wire.decodeCompletion(JSONWriter.buffer(for: message))
                return .completion(BatchPricing.completion(answer, price: price, model: wire.modelName))
            } catch {
                return .failure("\(error)")
            }
        case "errored":
            let detail = result.error?["error"] ?? result.error
            let type = detail?["type"]?.stringValue ?? "error"
            return .failure("errored: \(type): \(detail?["message"]?.stringValue ?? "no message")")
        case "expired":
            return .failure("expired: the batch ended before this request was processed")
        case "canceled":
            return .failure("canceled: the batch was cancelled before this request was processed")
        default:
            return .failure("unknown result type '\(result.type)'")
        }
    }
}

/// A message batch: `{id, processing_status, request_counts, results_url}`.
struct AnthropicBatchObject: Decodable {
    struct Counts: Decodable {
        var processing: Int?
        var succeeded: Int?
        var errored: Int?
        var canceled: Int?
        var expired: Int?
    }

    var id: String
    var processingStatus: String
    var requestCounts: Counts?
    var resultsURL: String?

    enum CodingKeys: String, CodingKey {
        case id, processingStatus = "processing_status", requestCounts = "request_counts", resultsURL = "results_url"
    }

    var batchStatus: BatchStatus {
        let counts = requestCounts
        let failed = (counts?.errored ?? 0) + (counts?.canceled ?? 0) + (counts?.expired ?? 0)
        let finished = (counts?.succeeded ?? 0) + failed
        return BatchStatus(
            vendorStatus: processingStatus, isEnded: processingStatus == "ended", total: finished + (counts?.processing ?? 0),
            finished: finished, failed: failed)
    }
}

/// One line of a batch's results.
struct AnthropicBatchResultLine: Decodable {
    struct Result: Decodable {
        var type: String
        var message: JSONValue?
        var error: JSONValue?
    }

    var customID: String
    var result: Result

    enum CodingKeys: String, CodingKey { case customID = "custom_id", result }
}
