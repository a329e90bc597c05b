import AsyncHTTPClient
import Foundation
import Logging
import QuorumCore
import QuorumStore
import QuorumTesting
import Testing

@testable import QuorumEvaluation

/// A config snapshot like `ConfigSnapshot.json` stores: the key already redacted.
let trackedSnapshot = """
    {"experiment":{"name":"arith","mlflow":{"tracking_uri":"http://mlflow.invalid","per_item":true}},\
    "models":[{"name":"m","provider":"openai","model":"gpt-x","api_key":"<redacted>"}],\
    "systems":[{"name":"single","kind":"single","model":"m"},{"name":"revise","kind":"cascade","levels":[{"model":"m"}]}]}
    """

/// Runs 4 arithmetic items through `single` (all right) and `revise` (q2 fails, q3 is wrong) with the real runner and store.
func trackedRun(in temporary: TemporaryStore) async throws -> String {
    let items = arithmeticItems(4)
    let systems = ["single", "revise"]
    let run = RunRecord(
        id: RunRecord.makeID(), name: "arith", configSnapshot: trackedSnapshot, dataset: "inline", systems: systems,
        scoring: "verifier:auto")
    try await temporary.store.createRun(run, items: items.enumerated().flatMap { position, item in
        systems.map {
            ItemRecord(runID: run.id, system: $0, itemID: item.id, position: position, prompt: item.question.prompt,
                reference: item.question.reference)
        }
    })
    let model = CountingModel(name: "m") { request in
        let question = request.messages.first?.content ?? ""
        if request.messages.contains(where: { $0.content == "Revise." }) {
            if question.contains("2 + 2") { throw QuorumError(.invalidRequest, "refused") }
            if question.contains("3 + 3") { return "The answer is 99." }
        }
        return arithmeticReply(request)
    }
    let runner = ExperimentRunner(store: temporary.store, models: ["m": model], scorer: JudgeScorer.verifier(.auto(tolerance: 1e-6), named: "auto"))
    _ = try await runner.run(
        run.id, items: items, systems: [OneCallSystem(model: "m"), DraftThenReviseSystem(drafter: "m", reviser: "m")])
    return run.id
}

func makeTracker(_ url: String, _ http: HTTPClient, perItem: Bool = true, credentials: MLflowCredentials = .none) throws -> MLflowTracker {
    let client = try MLflowClient(
        trackingURI: url, credentials: credentials, httpClient: http,
        retry: MLflowRetryPolicy(attempts: 3, baseDelay: 0.01, requestTimeout: 5), logger: Logger(label: "test"))
    return MLflowTracker(
        client: client,
        options: MLflowLogOptions(perItem: perItem, quorumVersion: "9.9.9", gitCommit: String(repeating: "a", count: 40),
            categories: ["q0": "math"]),
        logger: Logger(label: "test"))
}

@Suite("MLflowTracker against a fake MLflow server")
struct TrackingTrackerTests {
    @Test("a run becomes a parent run, a child per system and a grandchild per item, nested by mlflow.parentRunId")
    func logsRunLayout() async throws {
        let temporary = try TemporaryStore()
        let runID = try await trackedRun(in: temporary)
        try await FakeMLflow.with { fake, url, http in
            let report = try await makeTracker(url, http).sync(runID: runID, store: temporary.store)
            #expect(report.experimentName == "arith")
            #expect(report.created == 1 + 2 + 8)
            let parent = try #require(fake.runs.first { $0.id == report.parentRunID })
            #expect(parent.tags["mlflow.parentRunId"] == nil)
            #expect(parent.status == "FINISHED" && parent.endTime != nil)
            let single = try #require(fake.runs.first { $0.id == report.systemRunIDs["single"] })
            let revise = try #require(fake.runs.first { $0.id == report.systemRunIDs["revise"] })
            #expect(single.tags["mlflow.parentRunId"] == parent.id)
            #expect(revise.tags["mlflow.parentRunId"] == parent.id)
            let items = fake.runs.filter { $0.tags["quorum.scope"]?.hasPrefix("item:") == true }
            #expect(items.count == 8)
            #expect(items.filter { $0.tags["mlflow.parentRunId"] == single.id }.map(\.name).sorted() == ["q0", "q1", "q2", "q3"])
            #expect(items.first { $0.name == "q2" && $0.tags["mlflow.parentRunId"] == revise.id }?.status == "FAILED")
            #expect(items.filter { $0.status == "FINISHED" }.count == 7)
        }
    }

    @Test("params are the flattened, redacted config; metrics are quality, cost, latency, escalation and failures")
    func logsParamsAndMetrics() async throws {
        let temporary = try TemporaryStore()
        let runID = try await trackedRun(in: temporary)
        try await FakeMLflow.with { fake, url, http in
            let report = try await makeTracker(url, http).sync(runID: runID, store: temporary.store)
            let parent = try #require(fake.runs.first { $0.id == report.parentRunID })
            #expect(parent.params["models.m.provider"] == "openai")
            #expect(parent.params["models.m.api_key"] == "<redacted>")
            #expect(parent.params["systems.revise.levels.0.model"] == "m")
            #expect(parent.params["quorum.run_id"] == runID)
            #expect(parent.tags["quorum.version"] == "9.9.9")
            #expect(parent.tags["mlflow.source.git.commit"] == String(repeating: "a", count: 40))
            #expect(parent.tags["quorum.dataset"] == "inline")
            let single = try #require(fake.runs.first { $0.id == report.systemRunIDs["single"] })
            let revise = try #require(fake.runs.first { $0.id == report.systemRunIDs["revise"] })
            #expect(single.metrics["quality"]?.last?.value == 1)
            #expect(revise.metrics["quality"]?.last?.value == 2.0 / 3.0)
            #expect(revise.metrics["failed"]?.last?.value == 1)
            #expect(revise.metrics["escalation_level_2"]?.last?.value == 1)
            #expect(single.metrics["escalation_level_1"]?.last?.value == 1)
            // CountingModel charges $1 per million tokens: 15 tokens a call.
            let perCall = 15e-6
            #expect(abs((single.metrics["cost_answer_usd"]?.last?.value ?? 0) - 4 * perCall) < 1e-12)
            #expect(single.metrics["latency_p95_s"] != nil)
            #expect(parent.metrics["single/quality"]?.last?.value == 1)
            #expect(parent.metrics["cost_total_usd"]?.last?.value == single.metrics["cost_total_usd"]!.last!.value
                + revise.metrics["cost_total_usd"]!.last!.value)
            #expect(single.params["system.kind"] == "single")
            let q0 = try #require(fake.runs.first { $0.name == "q0" && $0.tags["mlflow.parentRunId"] == single.id })
            #expect(q0.params["category"] == "math")
            #expect(q0.metrics["success"]?.last?.value == 1)
            #expect(q0.metrics["answer_length"]?.last?.value == Double("The answer is 0.".count))
            #expect(abs((q0.metrics["cost_usd"]?.last?.value ?? 0) - perCall) < 1e-12)
        }
    }

    @Test("per-item results go up as JSONL artifacts and each item's trace to /v1/traces, linked to its run")
    func logsArtifactsAndTraces() async throws {
        let temporary = try TemporaryStore()
        let runID = try await trackedRun(in: temporary)
        try await FakeMLflow.with { fake, url, http in
            let report = try await makeTracker(url, http).sync(runID: runID, store: temporary.store)
            let state = fake.state.withLock { $0 }
            let parentPath = "\(report.experimentID)/\(report.parentRunID)/artifacts/results/items.jsonl"
            let lines = String(decoding: try #require(state.artifacts[parentPath]), as: UTF8.self).split(separator: "\n")
            #expect(lines.count == 8)
            #expect(lines.first?.contains(#""id":"q0""#) == true)
            #expect(state.artifacts["\(report.experimentID)/\(report.parentRunID)/artifacts/config.json"] != nil)
            let childPath = "\(report.experimentID)/\(report.systemRunIDs["single"]!)/artifacts/results/items.jsonl"
            #expect(String(decoding: try #require(state.artifacts[childPath]), as: UTF8.self).split(separator: "\n").count == 4)
            // Every item but revise/q2, which failed before producing a trace.
            #expect(report.traces == 7)
            #expect(state.traces.count == 7)
            let traced = fake.runs.filter { $0.tags["quorum.scope"]?.hasPrefix("item:") == true && $0.status == "FINISHED" }
            #expect(Set(state.traces.compactMap(\.runID)) == Set(traced.map(\.id)))
            let spans = otlpSpans(state.traces[0].body)
            #expect(spans.count >= 2)
            #expect(spans.contains { $0["parentSpanId"] == nil })
            #expect(spans.allSatisfy { $0["traceId"]?.stringValue?.count == 32 && $0["spanId"]?.stringValue?.count == 16 })
        }
    }

    @Test("a server without a trace endpoint gets each trace as a trace.json artifact")
    func traceFallsBackToArtifact() async throws {
        let temporary = try TemporaryStore()
        let runID = try await trackedRun(in: temporary)
        try await FakeMLflow.with(configure: { $0.supportsTraces = false }) { fake, url, http in
            let report = try await makeTracker(url, http).sync(runID: runID, store: temporary.store)
            #expect(report.traces == 0)
            #expect(report.tracesAsArtifacts == 7)
            let artifacts = fake.state.withLock(\.artifacts)
            #expect(artifacts.keys.filter { $0.hasSuffix("/artifacts/trace.json") }.count == 7)
        }
    }

    @Test("syncing twice creates nothing new and leaves unchanged runs alone")
    func syncIsIdempotent() async throws {
        let temporary = try TemporaryStore()
        let runID = try await trackedRun(in: temporary)
        try await FakeMLflow.with { fake, url, http in
            let tracker = try makeTracker(url, http)
            let first = try await tracker.sync(runID: runID, store: temporary.store)
            let requestsAfterFirst = fake.requests.count
            let second = try await tracker.sync(runID: runID, store: temporary.store)
            #expect(second.parentRunID == first.parentRunID)
            #expect(second.systemRunIDs == first.systemRunIDs)
            #expect(second.created == 0 && second.updated == 0 && second.unchanged == 11)
            #expect(fake.runs.count == 11)
            // Only the experiment lookup and the run search.
            #expect(fake.requests.count - requestsAfterFirst == 2)
        }
    }

    @Test("a sync cut short by MLflow errors is completed by the next one, reusing the runs it created")
    func interruptedSyncIsCompleted() async throws {
        let temporary = try TemporaryStore()
        let runID = try await trackedRun(in: temporary)
        try await FakeMLflow.with { fake, url, http in
            let tracker = try makeTracker(url, http, perItem: false)
            _ = try await tracker.sync(runID: runID, store: temporary.store)
            fake.state.withLock { state in
                // As if the process died after creating the runs, before their status and fingerprint.
                for id in state.runOrder {
                    state.runs[id]?.status = "RUNNING"
                    state.runs[id]?.tags["quorum.fingerprint"] = nil
                }
            }
            let again = try await tracker.sync(runID: runID, store: temporary.store)
            #expect(again.created == 0)
            #expect(again.updated == 3)
            #expect(fake.runs.count == 3)
            #expect(fake.runs.allSatisfy { $0.status == "FINISHED" })
        }
    }

    @Test("503s are retried and the sync still completes")
    func retriesUnavailable() async throws {
        let temporary = try TemporaryStore()
        let runID = try await trackedRun(in: temporary)
        try await FakeMLflow.with(configure: { $0.failuresLeft = 2 }) { fake, url, http in
            let report = try await makeTracker(url, http, perItem: false).sync(runID: runID, store: temporary.store)
            #expect(report.created == 3)
            #expect(fake.requests.prefix(3).map(\.path).allSatisfy { $0 == "/api/2.0/mlflow/experiments/get-by-name" })
        }
    }

    @Test("basic and bearer credentials are sent as MLflow's clients send them and never appear in errors")
    func sendsCredentials() async throws {
        try await FakeMLflow.with(configure: { $0.failuresLeft = 100 }) { fake, url, http in
            let basic = try makeTracker(url, http, credentials: .basic(username: "ada", password: "s3cret-pw")).client
            let error = await #expect(throws: QuorumError.self) { _ = try await basic.experimentID(named: "x") }
            #expect(error?.kind == .upstreamUnavailable)
            #expect(!"\(error!)".contains("s3cret-pw"))
            #expect(fake.requests.last?.authorization == "Basic " + Data("ada:s3cret-pw".utf8).base64EncodedString())
            let bearer = try makeTracker(url, http, credentials: .bearer("tok-123")).client
            _ = try? await bearer.experimentID(named: "x")
            #expect(fake.requests.last?.authorization == "Bearer tok-123")
        }
    }

    @Test("an MLflow server that is down fails fast with a retryable error")
    func serverDown() async throws {
        let http = MLflowClient.makeHTTPClient()
        let start = ContinuousClock.now
        let temporary = try TemporaryStore()
        let runID = try await trackedRun(in: temporary)
        let tracker = try makeTracker("http://127.0.0.1:9", http)
        let error = await #expect(throws: QuorumError.self) { _ = try await tracker.sync(runID: runID, store: temporary.store) }
        try await http.shutdown()
        #expect(error?.kind == .upstreamUnavailable)
        #expect(error?.context["service"] == "mlflow")
        // Fails without waiting out retries; the bound is generous for a loaded 2-core CI machine.
        #expect(ContinuousClock.now - start < .seconds(20))
    }
}
