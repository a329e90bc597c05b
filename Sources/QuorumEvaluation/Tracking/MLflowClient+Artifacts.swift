import Foundation
import QuorumCore

extension MLflowClient {
    /// Uploads `data` as the artifact `path` of a run through the server's artifact proxy.
    ///
    /// The run's `artifact_uri` must be `mlflow-artifacts:/<experiment>/<run>/artifacts` (a server
    /// started with `--artifacts-destination`, the default since MLflow 2); the file is `PUT` to
    /// `/api/2.0/mlflow-artifacts/artifacts/<that path>/<path>`. Uploading the same path again replaces it.
    public func uploadArtifact(
        _ data: Data, to path: String, of run: MLflowRunInfo, contentType: String = "application/octet-stream"
    ) async throws {
        let endpoint = try Self.artifactEndpoint(for: run, path: path)
        _ = try await send(.PUT, endpoint, body: data, contentType: contentType)
    }

    /// Downloads the artifact `path` of a run through the artifact proxy.
    public func downloadArtifact(_ path: String, of run: MLflowRunInfo) async throws -> Data {
        try await send(.GET, try Self.artifactEndpoint(for: run, path: path))
    }

    /// The proxy endpoint for `path` under the run's `mlflow-artifacts:` root, each segment percent-encoded.
    static func artifactEndpoint(for run: MLflowRunInfo, path: String) throws -> String {
        guard let uri = run.artifactURI, uri.hasPrefix("mlflow-artifacts:") else {
            throw QuorumError(
                .configuration,
                "MLflow stores run \(run.runID)'s artifacts at \(run.artifactURI ?? "an unknown place"), not behind its "
                    + "artifact proxy; start the server with --artifacts-destination (or --serve-artifacts)",
                context: ["service": "mlflow"])
        }
        // `mlflow-artifacts:/1/abc/artifacts` or `mlflow-artifacts://host/1/abc/artifacts`.
        var root = String(uri.dropFirst("mlflow-artifacts:".count))
        if root.hasPrefix("//") {
            root = String(root.dropFirst(2))
            root = root.firstIndex(of: "/").map { String(root[$0...]) } ?? ""
        }
        let segments = (root.split(separator: "/") + path.split(separator: "/")).map {
            $0.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(["/"])) ?? String($0)
        }
        return "/api/2.0/mlflow-artifacts/artifacts/" + segments.joined(separator: "/")
    }
}
