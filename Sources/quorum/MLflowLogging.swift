import AsyncHTTPClient
import Foundation
import Logging
import QuorumCore
import QuorumEvaluation
import QuorumStore

/// What every MLflow upload records besides the store: Quorum's version and the git commit around `gitFolder`.
func mlflowLogOptions(_ settings: MLflowSettings, gitFolder: String) -> MLflowLogOptions {
    MLflowLogOptions(
        experiment: settings.experiment, perItem: settings.perItem, quorumVersion: Quorum.configuration.version,
        gitCommit: GitCommit.find(from: gitFolder))
}

/// A tracker for `settings`, authenticated from MLFLOW_TRACKING_USERNAME/PASSWORD or MLFLOW_TRACKING_TOKEN.
func makeMLflowTracker(
    _ settings: MLflowSettings, options: MLflowLogOptions, httpClient: HTTPClient,
    retry: MLflowRetryPolicy = MLflowRetryPolicy()
) throws -> MLflowTracker {
    let logger = Logger(label: "quorum.mlflow")
    let client = try MLflowClient(
        trackingURI: settings.trackingURI, credentials: MLflowCredentials(environment: ProcessInfo.processInfo.environment),
        httpClient: httpClient, retry: retry, logger: logger)
    return MLflowTracker(client: client, options: options, logger: logger)
}

extension MLflowSyncReport {
    /// One line for people: where the run is and what changed.
    var summaryLine: String {
        var line = "MLflow: \(url)  (\(created) created, \(updated) updated, \(unchanged) unchanged"
        if traces + tracesAsArtifacts > 0 { line += ", \(traces) traces" }
        if tracesAsArtifacts > 0 { line += ", \(tracesAsArtifacts) as artifacts" }
        return line + ")"
    }
}

extension Run {
    /// Logs the finished run to MLflow when the flag, MLFLOW_TRACKING_URI or the config asks for it.
    /// Never fails the run: when MLflow cannot be reached it says how to upload later.
    func logToMLflow(
        _ outcome: RunOutcome, prepared: PreparedRun, config: QuorumConfig, store: any RunStore
    ) async {
        guard let settings = MLflowSettings.resolve(
            flag: mlflowURI, environment: ProcessInfo.processInfo.environment, config: config.experiment?.mlflow)
        else { return }
        let folder = config.sourcePath.map { URL(fileURLWithPath: $0).deletingLastPathComponent().path }
        var options = mlflowLogOptions(settings, gitFolder: folder ?? FileManager.default.currentDirectoryPath)
        options.categories = DatasetCategories.of(prepared.items)
        options.cellScores = (try? await RunJudging(store: store).scores(runID: outcome.runID))?.scores ?? []
        let httpClient = MLflowClient.makeHTTPClient()
        do {
            let tracker = try makeMLflowTracker(
                settings, options: options, httpClient: httpClient, retry: MLflowRetryPolicy(attempts: 3, requestTimeout: 20))
            let result = try await tracker.sync(runID: outcome.runID, store: store)
            FileHandle.standardError.write(Data("\(result.summaryLine)\n".utf8))
        } catch {
            var command = "quorum mlflow sync \(outcome.runID) --mlflow \(settings.trackingURI)"
            command += self.store.map { " --store \(StoreLocation($0))" } ?? " --config \(self.config)"  // never the password
            FileHandle.standardError.write(Data(
                "warning: the run is stored but was not logged to MLflow (\(error)). Upload it later with:\n  \(command)\n".utf8))
        }
        try? await httpClient.shutdown()
    }
}
