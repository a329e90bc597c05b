import Foundation
import NIOHTTP1
import QuorumCore

extension MLflowClient {
    /// The id of the experiment called `name`, created when it does not exist yet.
    public func experimentID(named name: String) async throws -> String {
        if let existing = try await experiment(named: name) { return existing.experimentID }
        do {
            let reply: CreateExperimentReply = try await call(
                .POST, "/api/2.0/mlflow/experiments/create", ["name": .string(name)])
            return reply.experimentID
        } catch let error as QuorumError where error.context["mlflow_error"] == "RESOURCE_ALREADY_EXISTS" {
            // Another process created it between our lookup and our create.
            guard let existing = try await experiment(named: name) else { throw error }
            return existing.experimentID
        }
    }

    /// The experiment called `name`, or `nil` when there is none.
    public func experiment(named name: String) async throws -> MLflowExperiment? {
        do {
            let data = try await send(
                .GET, "/api/2.0/mlflow/experiments/get-by-name", query: [("experiment_name", name)])
            return try decode(ExperimentReply.self, data, endpoint: "experiments/get-by-name").experiment
        } catch let error as QuorumError where error.kind == .notFound {
            return nil
        }
    }

    /// Creates a run; `tags` may carry `mlflow.parentRunId` to nest it under another run.
    public func createRun(
        experimentID: String, name: String, startTime: Int64, tags: [MLflowKeyValue] = []
    ) async throws -> MLflowRunInfo {
        let body: JSONValue = [
            "experiment_id": .string(experimentID), "run_name": .string(name), "start_time": .number(Double(startTime)),
            "tags": .array(tags.map(Self.json)),
        ]
        let reply: RunReply = try await call(.POST, "/api/2.0/mlflow/runs/create", body)
        return reply.run.info
    }

    /// The run with `runID`, its params, latest metrics and tags.
    public func run(_ runID: String) async throws -> MLflowRun {
        let data = try await send(.GET, "/api/2.0/mlflow/runs/get", query: [("run_id", runID)])
        return try decode(RunReply.self, data, endpoint: "runs/get").run
    }

    /// Every run of `experimentID` matching `filter` (MLflow's search syntax), following pages.
    public func searchRuns(experimentID: String, filter: String) async throws -> [MLflowRun] {
        var runs: [MLflowRun] = []
        var pageToken: String?
        repeat {
            var body: [String: JSONValue] = [
                "experiment_ids": [.string(experimentID)], "filter": .string(filter), "max_results": 1000,
            ]
            if let pageToken { body["page_token"] = .string(pageToken) }
            let reply: SearchRunsReply = try await call(.POST, "/api/2.0/mlflow/runs/search", .object(body))
            runs += reply.runs ?? []
            pageToken = reply.nextPageToken.flatMap { $0.isEmpty ? nil : $0 }
        } while pageToken != nil
        return runs
    }

    /// Logs metrics, params and tags in as few `runs/log-batch` requests as MLflow's limits allow.
    ///
    /// Logging the same param twice with the same value, or the same metric at the same timestamp
    /// and step, is accepted and changes nothing, which makes re-logging a run idempotent.
    public func logBatch(
        runID: String, metrics: [MLflowMetric] = [], params: [MLflowKeyValue] = [], tags: [MLflowKeyValue] = []
    ) async throws {
        for batch in MLflowBatch.split(metrics: metrics, params: params, tags: tags) {
            let body: JSONValue = [
                "run_id": .string(runID), "metrics": .array(batch.metrics.map(Self.json)),
                "params": .array(batch.params.map(Self.json)), "tags": .array(batch.tags.map(Self.json)),
            ]
            let _: EmptyReply = try await call(.POST, "/api/2.0/mlflow/runs/log-batch", body)
        }
    }

    /// Sets a run's status and, for an ended run, its end time (milliseconds since 1970).
    public func updateRun(_ runID: String, status: MLflowRunStatus, endTime: Int64?) async throws {
        var body: [String: JSONValue] = ["run_id": .string(runID), "status": .string(status.rawValue)]
        if let endTime { body["end_time"] = .number(Double(endTime)) }
        let _: EmptyReply = try await call(.POST, "/api/2.0/mlflow/runs/update", .object(body))
    }

    static func json(_ pair: MLflowKeyValue) -> JSONValue {
        .object(["key": .string(pair.key), "value": .string(pair.value)])
    }

    static func json(_ metric: MLflowMetric) -> JSONValue {
        .object([
            "key": .string(metric.key), "value": .number(metric.value), "timestamp": .number(Double(metric.timestamp)),
            "step": .number(Double(metric.step)),
        ])
    }

    func call<Reply: Decodable>(_ method: HTTPMethod, _ path: String, _ body: JSONValue) async throws -> Reply {
        let data = try await send(method, path, body: try JSONEncoder().encode(body))
        return try decode(Reply.self, data, endpoint: path)
    }

    func decode<Reply: Decodable>(_ type: Reply.Type, _ data: Data, endpoint: String) throws -> Reply {
        do {
            return try JSONDecoder().decode(type, from: data.isEmpty ? Data("{}".utf8) : data)
        } catch {
            throw QuorumError(
                .malformedResponse, "MLflow sent an answer Quorum cannot read: \(error)",
                context: ["service": "mlflow", "endpoint": endpoint])
        }
    }
}

struct EmptyReply: Decodable {}

struct CreateExperimentReply: Decodable {
    var experimentID: String
    enum CodingKeys: String, CodingKey { case experimentID = "experiment_id" }
}

struct ExperimentReply: Decodable { var experiment: MLflowExperiment }

struct RunReply: Decodable { var run: MLflowRun }

struct SearchRunsReply: Decodable {
    var runs: [MLflowRun]?
    var nextPageToken: String?
    enum CodingKeys: String, CodingKey { case runs, nextPageToken = "next_page_token" }
}
