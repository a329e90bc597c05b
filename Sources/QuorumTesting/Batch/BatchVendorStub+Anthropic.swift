import Foundation
import QuorumCore

extension BatchVendorStub {
    /// `POST /v1/messages/batches`, `GET /v1/messages/batches/{id}` and `…/{id}/results`.
    func anthropic(_ request: StubRequest, path: String) -> StubResponse {
        let parts = path.split(separator: "/").dropFirst(3).map(String.init)
        let host = request.header("host").map { "http://\($0)" } ?? ""
        switch (request.method, parts.count) {
        case ("POST", 0):
            guard let body = parseJSON(Substring(request.body)), case .array(let requests)? = body["requests"] else {
                return Self.error(400, "expected {requests: [{custom_id, params}]}")
            }
            var lines: [StubBatch.Line] = []
            for entry in requests {
                guard let id = entry["custom_id"]?.stringValue, let params = entry["params"],
                    id.range(of: "^[a-zA-Z0-9_-]{1,64}$", options: .regularExpression) != nil, params["stream"] == nil
                else { return Self.error(400, "a request is not {custom_id: [a-zA-Z0-9_-]{1,64}, params} without stream") }
                guard params["max_tokens"] != nil, params["model"] != nil else { return Self.error(400, "params need model and max_tokens") }
                lines.append(StubBatch.Line(customID: id, body: params, prompt: lastPrompt(params)))
            }
            switch create(.anthropic, lines: lines) {
            case .success(let id): return StubResponse.json(jsonText(anthropicObject(batches[id]!, host: host)))
            case .failure(let refusal): return refusal.response
            }
        case ("GET", 1):
            guard let batch = advance(parts[0]) else { return Self.error(404, "no batch \(parts[0])") }
            return StubResponse.json(jsonText(anthropicObject(batch, host: host)))
        case ("GET", 2) where parts[1] == "results":
            guard let batch = batches[parts[0]], batch.isEnded else { return Self.error(404, "batch \(parts[0]) has not ended") }
            let lines = batch.lines.map { jsonText(["custom_id": .string($0.customID), "result": result(of: $0)]) }
            return StubResponse(headers: [("content-type", "application/binary")], chunks: [lines.joined(separator: "\n") + "\n"])
        default:
            return Self.error(404, "no route \(request.method) \(path)")
        }
    }

    private func result(of line: StubBatch.Line) -> JSONValue {
        switch fault(line.prompt) ?? (expireBatches ? .expired : nil) {
        case nil:
            return ["type": "succeeded", "message": message(for: line.body)]
        case .httpError(_, let message)?:
            return ["type": "errored", "error": ["type": "error", "error": ["type": "invalid_request_error", "message": .string(message)]]]
        case .expired?:
            return ["type": "expired"]
        }
    }

    /// A Messages API answer: a forced tool's `tool_use` with the reply as its input when the
    /// request forced one (JSON replies), else one text block.
    private func message(for params: JSONValue) -> JSONValue {
        let text = reply(lastPrompt(params))
        var content: JSONValue = [["type": "text", "text": .string(text)]]
        var stop = "end_turn"
        if let tool = params["tool_choice"]?["name"], let input = parseJSON(Substring(text)) {
            content = [["type": "tool_use", "id": .string(nextID("toolu_")), "name": tool, "input": input]]
            stop = "tool_use"
        }
        return [
            "id": .string(nextID("msg_")), "type": "message", "role": "assistant", "model": params["model"] ?? "stub",
            "content": content, "stop_reason": .string(stop), "stop_sequence": .null,
            "usage": ["input_tokens": .number(Double(usage.prompt)), "output_tokens": .number(Double(usage.completion))],
        ]
    }

    private func anthropicObject(_ batch: StubBatch, host: String) -> JSONValue {
        var counts: [String: Int] = ["processing": 0, "succeeded": 0, "errored": 0, "canceled": 0, "expired": 0]
        for line in batch.lines {
            guard batch.isEnded else {
                counts["processing", default: 0] += 1
                continue
            }
            switch fault(line.prompt) ?? (expireBatches ? .expired : nil) {
            case nil: counts["succeeded", default: 0] += 1
            case .httpError?: counts["errored", default: 0] += 1
            case .expired?: counts["expired", default: 0] += 1
            }
        }
        return [
            "id": .string(batch.id), "type": "message_batch", "processing_status": batch.isEnded ? "ended" : "in_progress",
            "request_counts": .object(counts.mapValues { .number(Double($0)) }),
            "ended_at": batch.isEnded ? "2024-12-01T00:00:00Z" : .null, "created_at": "2024-12-01T00:00:00Z",
            "expires_at": "2024-12-02T00:00:00Z", "cancel_initiated_at": .null,
            "results_url": batch.isEnded ? .string("\(host)/v1/messages/batches/\(batch.id)/results") : .null,
        ]
    }
}
