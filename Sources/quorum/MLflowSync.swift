import ArgumentParser
import Foundation
import Logging
import QuorumCore
import QuorumEvaluation

/// `quorum mlflow sync RUN`: upload (or complete) a stored run in MLflow.
struct MLflowSync: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sync",
        abstract: "Upload a stored run to MLflow, or complete an upload that failed; safe to repeat.",
        discussion: """
            Creates the experiment if needed, a parent run for the Quorum run and a child run per system \
            (and per item with --per-item or per_item: true), with params, metrics, tags, artifacts and \
            traces. MLflow runs already uploaded are found by their tags and left alone when unchanged.
            """)

    @Argument(help: "The run id (`quorum runs` lists them).")
    var runID: String

    @Option(name: .customLong("mlflow"), help: "The MLflow tracking server, e.g. http://127.0.0.1:5000.")
    var mlflowURI: String?

    @Option(help: "The MLflow experiment (default: the run's experiment.mlflow.experiment, else its name).")
    var experiment: String?

    @Flag(help: "Also log one MLflow run per item, with its trace.")
    var perItem = false

    @Option(help: "An HTML report to upload as report.html on the parent run.")
    var report: String?

    @OptionGroup var options: RunsStoreOptions

    func run() async throws {
        let store = try await options.openStore()
        guard let run = try await store.run(runID) else {
            throw QuorumError(.store, "no run '\(runID)' in this store; `quorum runs` lists them")
        }
        // CoEval runs are not logged to MLflow yet; say so rather than log an empty run.
        try refuseCoEvalRun(run, instead: "quorum coeval export \(runID) DIR")
        let environment = ProcessInfo.processInfo.environment
        guard var settings = MLflowSettings.resolve(
            flag: mlflowURI, environment: environment, config: MLflowSettings.config(inSnapshot: run.configSnapshot))
        else {
            throw ValidationError("no MLflow server: pass --mlflow URI, set MLFLOW_TRACKING_URI, or set experiment.mlflow in the config")
        }
        if let experiment { settings.experiment = experiment }
        if perItem { settings.perItem = true }
        let folder = options.config.map { URL(fileURLWithPath: $0).deletingLastPathComponent().path }
        var logOptions = mlflowLogOptions(settings, gitFolder: folder ?? FileManager.default.currentDirectoryPath)
        if settings.perItem {
            logOptions.categories = DatasetCategories.of(snapshot: run.configSnapshot, baseDirectory: folder)
        }
        // A judged run's rubric scores become metrics of its cells' runs.
        logOptions.cellScores = (try? await RunJudging(store: store).scores(runID: runID))?.scores ?? []
        if let report { logOptions.reportHTML = try Data(contentsOf: URL(fileURLWithPath: report)) }
        let httpClient = MLflowClient.makeHTTPClient()
        do {
            let tracker = try makeMLflowTracker(settings, options: logOptions, httpClient: httpClient)
            let result = try await tracker.sync(run, items: try await store.items(ofRun: runID))
            try await httpClient.shutdown()
            if options.json { try printJSON(result) } else { print(result.summaryLine) }
        } catch {
            try? await httpClient.shutdown()
            throw error
        }
    }
}
