import Foundation
import QuorumCore

extension BatchVendorStub {
    /// `/files`, `/batches` and `/files/{id}/content`, as OpenAI (`/v1/…`) and Azure (`/openai/…`) serve them.
    func openAI(_ request: StubRequest, path: String, vendor: StubBatch.Vendor) -> StubResponse {
        let endpoint = vendor == .azure ? "/chat/completions" : "/v1/chat/completions"
        let parts = path.split(separator: "/").map(String.init)
        switch (request.method, parts.count) {
        case ("POST", 1) where parts[0] == "files":
            return upload(request)
        case ("POST", 1) where parts[0] == "batches":
            return createOpenAI(request, endpoint: endpoint, vendor: vendor)
        case ("GET", 2) where parts[0] == "batches":
            guard let batch = advance(parts[1]) else { return Self.error(404, "no batch \(parts[1])") }
            return StubResponse.json(jsonText(openAIObject(finishing(batch))))
        case ("GET", 3) where parts[0] == "files" && parts[2] == "content":
            guard let content = files[parts[1]] else { return Self.error(404, "no file \(parts[1])") }
            return StubResponse(headers: [("content-type", "application/octet-stream")], chunks: [content])
        default:
            return Self.error(404, "no route \(request.method) \(path)")
        }
    }

    /// `multipart/form-data` with `purpose=batch` and a JSONL `file`.
    private func upload(_ request: StubRequest) -> StubResponse {
        guard let type = request.header("content-type"), type.hasPrefix("multipart/form-data"),
            let boundary = type.components(separatedBy: "boundary=").last
        else { return Self.error(400, "expected multipart/form-data") }
        var fields: [String: String] = [:]
        for part in request.body.components(separatedBy: "--\(boundary)") {
            guard let split = part.range(of: "\r\n\r\n"),
                let name = part[..<split.lowerBound].components(separatedBy: "name=\"").dropFirst().first?.prefix(while: { $0 != "\"" })
            else { continue }
            var value = String(part[split.upperBound...])
            // "\r\n" is one Character in Swift.
            if value.hasSuffix("\r\n") { value.removeLast() }
            fields[String(name)] = value
        }
        guard fields["purpose"] == "batch" else { return Self.error(400, "purpose must be batch") }
        guard let file = fields["file"] else { return Self.error(400, "no file part") }
        let id = storeFile(file)
        return StubResponse.json(
            jsonText(["id": .string(id), "object": "file", "bytes": .number(Double(file.utf8.count)), "purpose": "batch"]))
    }

    private func createOpenAI(_ request: StubRequest, endpoint: String, vendor: StubBatch.Vendor) -> StubResponse {
        guard let body = parseJSON(Substring(request.body)), let fileID = body["input_file_id"]?.stringValue,
            let content = files[fileID]
        else { return Self.error(400, "input_file_id names no uploaded file") }
        guard body["endpoint"]?.stringValue == endpoint else { return Self.error(400, "endpoint must be \(endpoint)") }
        guard body["completion_window"]?.stringValue == "24h" else { return Self.error(400, "completion_window must be 24h") }
        var lines: [StubBatch.Line] = []
        for text in content.split(whereSeparator: \.isNewline) {
            guard let line = parseJSON(text), let id = line["custom_id"]?.stringValue, line["method"]?.stringValue == "POST",
                line["url"]?.stringValue == endpoint, let lineBody = line["body"]
            else { return Self.error(400, "a line is not {custom_id, method: POST, url: \(endpoint), body}") }
            guard !lines.contains(where: { $0.customID == id }) else { return Self.error(400, "duplicate custom_id \(id)") }
            lines.append(StubBatch.Line(customID: id, body: lineBody, prompt: lastPrompt(lineBody)))
        }
        switch create(vendor, lines: lines) {
        case .success(let id): return StubResponse.json(jsonText(openAIObject(batches[id]!)))
        case .failure(let refusal): return refusal.response
        }
    }

    /// On the poll that ends `batch`, writes its output and error files.
    private func finishing(_ batch: StubBatch) -> StubBatch {
        guard batch.isEnded, batch.outputFileID == nil, batch.errorFileID == nil else { return batch }
        var ended = batch
        var output: [String] = [], errors: [String] = []
        for line in batch.lines {
            let lineFault = fault(line.prompt) ?? (expireBatches ? .expired : nil)
            let requestID = nextID("batch_req_")
            switch lineFault {
            case nil:
                let response: JSONValue = ["status_code": 200, "request_id": .string(requestID), "body": completion(for: line.body)]
                output.append(jsonText(["id": .string(requestID), "custom_id": .string(line.customID), "response": response, "error": .null]))
            case .httpError(let status, let message)?:
                let body: JSONValue = ["error": ["message": .string(message), "type": "invalid_request_error", "param": .null, "code": .null]]
                let response: JSONValue = ["status_code": .number(Double(status)), "request_id": .string(requestID), "body": body]
                errors.append(jsonText(["id": .string(requestID), "custom_id": .string(line.customID), "response": response, "error": .null]))
            case .expired?:
                let error: JSONValue = [
                    "code": "batch_expired", "message": "This request could not be executed before the completion window expired.",
                ]
                errors.append(jsonText(["id": .string(requestID), "custom_id": .string(line.customID), "response": .null, "error": error]))
            }
        }
        if !output.isEmpty { ended.outputFileID = storeFile(output.joined(separator: "\n") + "\n") }
        if !errors.isEmpty { ended.errorFileID = storeFile(errors.joined(separator: "\n") + "\n") }
        batches[batch.id] = ended
        return ended
    }

    private func openAIObject(_ batch: StubBatch) -> JSONValue {
        let statuses = ["validating", "validating", "in_progress", "finalizing", expireBatches ? "expired" : "completed"]
        let failed = batch.isEnded ? batch.lines.filter { (fault($0.prompt) ?? (expireBatches ? .expired : nil)) != nil }.count : 0
        let completed = batch.isEnded ? batch.lines.count - failed : 0
        return [
            "id": .string(batch.id), "object": "batch", "endpoint": "/v1/chat/completions", "errors": .null,
            "input_file_id": "file-input", "completion_window": "24h", "status": .string(statuses[batch.step]),
            "output_file_id": batch.outputFileID.map(JSONValue.string) ?? .null,
            "error_file_id": batch.errorFileID.map(JSONValue.string) ?? .null, "created_at": 1_733_000_000,
            "request_counts": ["total": .number(Double(batch.lines.count)), "completed": .number(Double(completed)),
                "failed": .number(Double(failed))],
        ]
    }

    /// A `chat.completion` answering `body`.
    func completion(for body: JSONValue) -> JSONValue {
        [
            "id": .string(nextID("chatcmpl-")), "object": "chat.completion", "created": 1_733_000_000,
            "model": body["model"] ?? "stub",
            "choices": [["index": 0, "message": ["role": "assistant", "content": .string(reply(lastPrompt(body)))], "finish_reason": "stop"]],
            "usage": ["prompt_tokens": .number(Double(usage.prompt)), "completion_tokens": .number(Double(usage.completion)),
                "total_tokens": .number(Double(usage.prompt + usage.completion))],
        ]
    }

    /// A live `POST /v1/chat/completions`.
    func live(_ request: StubRequest) -> StubResponse {
        guard let body = parseJSON(Substring(request.body)) else { return Self.error(400, "the body is not JSON") }
        countLiveCall()
        return StubResponse.json(jsonText(completion(for: body)))
    }
}
