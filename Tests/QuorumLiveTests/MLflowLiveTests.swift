import AsyncHTTPClient
import Foundation
import Logging
import QuorumBenchmarks
import QuorumCore
import QuorumOrchestration
import QuorumStore
import Testing

@testable import QuorumEvaluation

/// Quorum's MLflow tracking against a real `mlflow server` (SQLite backend, proxied artifacts).
/// Runs only with `QUORUM_LIVE=1`, and skips itself when MLflow is not installed: run
/// `scripts/mlflow-venv.sh` first (or point `QUORUM_MLFLOW_VENV` at a venv with mlflow).
@Suite("MLflow tracking (live)", .serialized, .enabled(if: ProcessInfo.processInfo.environment["QUORUM_LIVE"] == "1"))
struct MLflowLiveTests {
    @Test("a run reaches MLflow with its experiment, nested runs, params, metrics, artifacts and traces")
    func logsRunToRealServer() async throws {
        guard let server = try MLflowServerProcess.start() else { return }
        defer { server.stop() }
        let http = HTTPClient(eventLoopGroupProvider: .singleton)
        do {
            let (store, runID, folder) = try await runSmallExperiment()
            defer { try? FileManager.default.removeItem(at: folder) }
            let client = try makeClient(server.url, http)
            let tracker = MLflowTracker(
                client: client,
                options: MLflowLogOptions(
                    experiment: "quorum-live", perItem: true, quorumVersion: "live",
                    categories: DatasetCategories.of(arithmeticQuestions())),
                logger: Logger(label: "live"))
            let report = try await tracker.sync(runID: runID, store: store)
            try await verify(report, runID: runID, store: store, client: client)
            let again = try await tracker.sync(runID: runID, store: store)
            #expect(again.created == 0 && again.updated == 0 && again.parentRunID == report.parentRunID)
            try await http.shutdown()
        } catch {
            try? await http.shutdown()
            throw error
        }
    }

    @Test("a run made while MLflow is down finishes, and a later sync uploads it")
    func syncAfterOutage() async throws {
        guard let server = try MLflowServerProcess.start() else { return }
        defer { server.stop() }
        let http = HTTPClient(eventLoopGroupProvider: .singleton)
        do {
            server.stop()
            let (store, runID, folder) = try await runSmallExperiment()
            defer { try? FileManager.default.removeItem(at: folder) }
            #expect(try await store.run(runID)?.status == .completed)
            let client = try makeClient(server.url, http)
            let tracker = MLflowTracker(client: client, options: MLflowLogOptions(experiment: "quorum-outage"), logger: Logger(label: "live"))
            await #expect(throws: QuorumError.self) { _ = try await tracker.sync(runID: runID, store: store) }
            try server.restart()
            let report = try await tracker.sync(runID: runID, store: store)
            #expect(report.created == 3)
            let parent = try await client.run(report.parentRunID)
            #expect(parent.info.status == .finished)
            #expect(parent.data.tag("quorum.run_id") == runID)
            try await http.shutdown()
        } catch {
            try? await http.shutdown()
            throw error
        }
    }

    func makeClient(_ url: String, _ http: HTTPClient) throws -> MLflowClient {
        try MLflowClient(
            trackingURI: url, httpClient: http, retry: MLflowRetryPolicy(attempts: 2, baseDelay: 0.2, requestTimeout: 30),
            logger: Logger(label: "live"))
    }

    /// Reads everything back through MLflow's own REST API.
    func verify(_ report: MLflowSyncReport, runID: String, store: any RunStore, client: MLflowClient) async throws {
        let experiment = try #require(try await client.experiment(named: "quorum-live"))
        #expect(experiment.experimentID == report.experimentID)
        let runs = try await client.searchRuns(experimentID: experiment.experimentID, filter: "tags.`quorum.run_id` = '\(runID)'")
        #expect(runs.count == 1 + 2 + 6)
        let parent = try await client.run(report.parentRunID)
        #expect(parent.info.status == .finished)
        #expect(parent.data.param("models.right.provider") == "stub")
        #expect(parent.data.param("models.right.api_key") == "<redacted>")
        #expect(parent.data.tag("quorum.version") == "live")
        let summary = RunSummary(run: try #require(try await store.run(runID)), items: try await store.items(ofRun: runID))
        let good = try await client.run(try #require(report.systemRunIDs["good"]))
        let bad = try await client.run(try #require(report.systemRunIDs["bad"]))
        #expect(good.data.tag("mlflow.parentRunId") == report.parentRunID)
        #expect(good.data.metric("quality") == 1)
        #expect(bad.data.metric("quality") == 0)
        #expect(good.data.metric("cost_total_usd") == summary.systems[0].totalCost.doubleValue)
        #expect(parent.data.metric("bad/quality") == 0)
        let items = try await client.downloadArtifact("results/items.jsonl", of: parent.info)
        #expect(String(decoding: items, as: UTF8.self).split(separator: "\n").count == 6)
        let itemRun = try #require(runs.first { $0.info.runName == "q1" && $0.data.tag("mlflow.parentRunId") == good.info.runID })
        #expect(itemRun.data.param("category") == "arith")
        #expect(itemRun.data.metric("success") == 1)
        let traces = try await client.searchTraces(experimentID: experiment.experimentID, runID: itemRun.info.runID)
        #expect(traces.count == 1)
        let traceID = try #require(traces.first?["trace_id"]?.stringValue)
        let trace = try await client.trace(traceID)
        let spans = trace["trace"]?["spans"]?.arrayValue ?? []
        #expect(spans.count >= 2)
        #expect(spans.contains { $0["name"] == "call right" })
    }

    /// Three items answered by `good` (always right) and `bad` (always wrong) through the real runner and SQLite store.
    func runSmallExperiment() async throws -> (any RunStore, String, URL) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("quorum-mlflow-\(UUID().uuidString)")
        let store = try SQLiteRunStore(path: folder.appendingPathComponent("runs.db").path)
        let items = arithmeticQuestions()
        let snapshot = #"{"experiment":{"name":"live"},"models":[{"name":"right","provider":"stub","api_key":"<redacted>"},{"name":"wrong","provider":"stub"}]}"#
        let run = RunRecord(
            id: RunRecord.makeID(), name: "live", configSnapshot: snapshot, dataset: "inline", systems: ["good", "bad"],
            scoring: "verifier:auto")
        try await store.createRun(run, items: items.enumerated().flatMap { position, item in
            ["good", "bad"].map {
                ItemRecord(runID: run.id, system: $0, itemID: item.id, position: position, prompt: item.question.prompt, reference: "42")
            }
        })
        let runner = ExperimentRunner(
            store: store, models: ["right": StaticStubModel(name: "right", reply: "42"), "wrong": StaticStubModel(name: "wrong", reply: "7")],
            scorer: JudgeScorer.verifier(.auto(tolerance: 1e-6), named: "auto"))
        let outcome = try await runner.run(run.id, items: items, systems: [
            SingleSystem(name: "good", responder: .model("right", GenerationParameters())),
            SingleSystem(name: "bad", responder: .model("wrong", GenerationParameters())),
        ])
        #expect(outcome.status == .completed)
        return (store, run.id, folder)
    }

    /// Three questions whose answer is 42, in category `arith`.
    func arithmeticQuestions() -> [DatasetItem] {
        (1...3).map {
            DatasetItem(question: Question(
                id: "q\($0)", messages: [.user("What is 6 × 7? (\($0))")], reference: "42", category: "arith"))
        }
    }
}
