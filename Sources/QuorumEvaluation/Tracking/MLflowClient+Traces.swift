import Foundation
import QuorumCore

extension MLflowClient {
    /// Sends spans (an OTLP/HTTP JSON `ExportTraceServiceRequest`) to the server's OpenTelemetry
    /// endpoint `/v1/traces`, into `experimentID` and linked to `runID`.
    ///
    /// MLflow 3 stores them as traces of the experiment, listed on the run's Traces tab. Servers
    /// without the endpoint answer 404 or 501 (`QuorumError(.notFound)` / `.upstreamUnavailable`).
    /// Sending the same trace id again replaces nothing and adds nothing.
    public func logTrace(_ request: JSONValue, experimentID: String, runID: String?) async throws {
        var headers = [("x-mlflow-experiment-id", experimentID)]
        if let runID { headers.append(("x-mlflow-run-id", runID)) }
        _ = try await send(.POST, "/v1/traces", body: try JSONEncoder().encode(request), headers: headers)
    }

    /// The traces of `experimentID` linked to `runID`, as MLflow's `traces/search` (v3) returns them.
    public func searchTraces(experimentID: String, runID: String) async throws -> [JSONValue] {
        let body: JSONValue = [
            "locations": [["type": "MLFLOW_EXPERIMENT", "mlflow_experiment": ["experiment_id": .string(experimentID)]]],
            "filter": .string("metadata.`mlflow.sourceRun` = '\(runID)'"), "max_results": 500,
        ]
        let reply: JSONValue = try await call(.POST, "/api/3.0/mlflow/traces/search", body)
        return reply["traces"]?.arrayValue ?? []
    }

    /// One trace with its spans, as `traces/get` (v3) returns it.
    public func trace(_ traceID: String) async throws -> JSONValue {
        let data = try await send(.GET, "/api/3.0/mlflow/traces/get", query: [("trace_id", traceID)])
        return try decode(JSONValue.self, data, endpoint: "traces/get")
    }
}
