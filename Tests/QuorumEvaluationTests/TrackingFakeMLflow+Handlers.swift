import Foundation
import HTTPTypes
import QuorumCore

@testable import QuorumEvaluation

extension FakeMLflow {
    static func handle(
        _ request: Request, query: (String) -> String?, state: inout State
    ) -> (HTTPResponse.Status, String) {
        let json = (try? JSONDecoder().decode(JSONValue.self, from: request.body)) ?? .null
        switch (request.method, request.path) {
        case ("GET", "/api/2.0/mlflow/experiments/get-by-name"):
            let name = query("experiment_name") ?? ""
            guard let id = state.experiments[name] else {
                return error(.notFound, "RESOURCE_DOES_NOT_EXIST", "Could not find experiment with name '\(name)'")
            }
            return (.ok, encode(["experiment": ["experiment_id": .string(id), "name": .string(name),
                "artifact_location": .string("mlflow-artifacts:/\(id)"), "lifecycle_stage": "active"]]))
        case ("POST", "/api/2.0/mlflow/experiments/create"):
            let name = json["name"]?.stringValue ?? ""
            if state.experiments[name] != nil { return error(.badRequest, "RESOURCE_ALREADY_EXISTS", "exists") }
            let id = String(state.experiments.count + 1)
            state.experiments[name] = id
            return (.ok, encode(["experiment_id": .string(id)]))
        case ("POST", "/api/2.0/mlflow/runs/create"):
            let id = UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
            var run = Run(
                id: id, experimentID: json["experiment_id"]?.stringValue ?? "", name: json["run_name"]?.stringValue ?? "",
                startTime: Int64(json["start_time"]?.numberValue ?? 0))
            for tag in json["tags"]?.arrayValue ?? [] {
                run.tags[tag["key"]?.stringValue ?? ""] = tag["value"]?.stringValue ?? ""
            }
            run.tags["mlflow.runName"] = run.name
            state.runs[id] = run
            state.runOrder.append(id)
            return (.ok, encode(["run": render(run)]))
        case ("GET", "/api/2.0/mlflow/runs/get"):
            guard let run = state.runs[query("run_id") ?? ""] else { return error(.notFound, "RESOURCE_DOES_NOT_EXIST", "no run") }
            return (.ok, encode(["run": render(run)]))
        case ("POST", "/api/2.0/mlflow/runs/search"):
            return search(json, state: state)
        case ("POST", "/api/2.0/mlflow/runs/log-batch"):
            return logBatch(json, state: &state)
        case ("POST", "/api/2.0/mlflow/runs/update"):
            guard var run = state.runs[json["run_id"]?.stringValue ?? ""] else {
                return error(.notFound, "RESOURCE_DOES_NOT_EXIST", "no run")
            }
            run.status = json["status"]?.stringValue ?? run.status
            run.endTime = json["end_time"]?.numberValue.map { Int64($0) }
            state.runs[run.id] = run
            return (.ok, "{}")
        case ("POST", "/v1/traces"):
            guard state.supportsTraces else { return error(.notFound, "ENDPOINT_NOT_FOUND", "no such endpoint") }
            guard let experiment = request.headers["x-mlflow-experiment-id"] else { return error(.badRequest, "BAD", "no experiment") }
            state.traces.append((request.headers["x-mlflow-run-id"], experiment, json))
            return (.ok, "")
        case ("PUT", let path) where path.hasPrefix("/api/2.0/mlflow-artifacts/artifacts/"):
            state.artifacts[String(path.dropFirst("/api/2.0/mlflow-artifacts/artifacts/".count))] = request.body
            return (.ok, "")
        default:
            return error(.notFound, "ENDPOINT_NOT_FOUND", "no \(request.method) \(request.path)")
        }
    }

    static func search(_ json: JSONValue, state: State) -> (HTTPResponse.Status, String) {
        // Quorum only searches by `tags.`quorum.run_id` = 'ID'`.
        let filter = json["filter"]?.stringValue ?? ""
        guard let match = filter.firstMatch(of: /tags\.`quorum\.run_id` = '([^']*)'/) else {
            return error(.badRequest, "INVALID_PARAMETER_VALUE", "unsupported filter \(filter)")
        }
        let experiments = Set(json["experiment_ids"]?.arrayValue?.compactMap(\.stringValue) ?? [])
        let runs = state.runOrder.compactMap { state.runs[$0] }.filter {
            experiments.contains($0.experimentID) && $0.tags["quorum.run_id"] == String(match.1)
        }
        return (.ok, encode(["runs": .array(runs.map(render))]))
    }

    static func logBatch(_ json: JSONValue, state: inout State) -> (HTTPResponse.Status, String) {
        guard var run = state.runs[json["run_id"]?.stringValue ?? ""] else { return error(.notFound, "RESOURCE_DOES_NOT_EXIST", "no run") }
        let metrics = json["metrics"]?.arrayValue ?? []
        let params = json["params"]?.arrayValue ?? []
        let tags = json["tags"]?.arrayValue ?? []
        guard metrics.count <= 1000, params.count <= 100, tags.count <= 100, metrics.count + params.count + tags.count <= 1000 else {
            return error(.badRequest, "INVALID_PARAMETER_VALUE", "batch too large")
        }
        for param in params {
            let key = param["key"]?.stringValue ?? "", value = param["value"]?.stringValue ?? ""
            guard value.count <= 6000 else { return error(.badRequest, "INVALID_PARAMETER_VALUE", "param too long") }
            guard key.wholeMatch(of: /[\/\w.\- :]+/) != nil else { return error(.badRequest, "INVALID_PARAMETER_VALUE", "bad key \(key)") }
            if let old = run.params[key], old != value {
                return error(.badRequest, "INVALID_PARAMETER_VALUE", "Changing param values is not allowed")
            }
            run.params[key] = value
        }
        for tag in tags { run.tags[tag["key"]?.stringValue ?? ""] = tag["value"]?.stringValue ?? "" }
        for metric in metrics {
            let entry = MLflowMetric(
                key: metric["key"]?.stringValue ?? "", value: metric["value"]?.numberValue ?? .nan,
                timestamp: Int64(metric["timestamp"]?.numberValue ?? 0), step: Int64(metric["step"]?.numberValue ?? 0))
            if !(run.metrics[entry.key] ?? []).contains(entry) { run.metrics[entry.key, default: []].append(entry) }
        }
        state.runs[run.id] = run
        return (.ok, "{}")
    }

    static func render(_ run: Run) -> JSONValue {
        var info: [String: JSONValue] = [
            "run_id": .string(run.id), "experiment_id": .string(run.experimentID), "run_name": .string(run.name),
            "status": .string(run.status), "start_time": .number(Double(run.startTime)),
            "artifact_uri": .string("mlflow-artifacts:/\(run.experimentID)/\(run.id)/artifacts"),
        ]
        if let end = run.endTime { info["end_time"] = .number(Double(end)) }
        let latest = run.metrics.values.compactMap { $0.max { $0.timestamp < $1.timestamp } }
        return [
            "info": .object(info),
            "data": [
                "params": .array(run.params.map { ["key": .string($0.key), "value": .string($0.value)] }),
                "tags": .array(run.tags.map { ["key": .string($0.key), "value": .string($0.value)] }),
                "metrics": .array(latest.map {
                    ["key": .string($0.key), "value": .number($0.value), "timestamp": .number(Double($0.timestamp)), "step": 0]
                }),
            ],
        ]
    }

    static func error(_ status: HTTPResponse.Status, _ code: String, _ message: String) -> (HTTPResponse.Status, String) {
        (status, encode(["error_code": .string(code), "message": .string(message)]))
    }

    static func encode(_ value: JSONValue) -> String {
        String(decoding: (try? JSONEncoder().encode(value)) ?? Data(), as: UTF8.self)
    }
}
