import AsyncHTTPClient
import Foundation
import Logging
import QuorumCore
import QuorumOrchestration
import QuorumProviders
import QuorumStore
import QuorumTesting
import Testing

@testable import QuorumCoEval
@testable import QuorumEvaluation

/// Batch APIs and `coeval repair` on a real PostgreSQL store: the tables SQLite's tests prove,
/// here behind `postgres://`.
@Suite("Batches and repair on PostgreSQL (live)", .serialized, .enabled(if: LiveEnvironment.isEnabled))
struct PostgresBatchLiveTests {
    @Test("quorum run's batch mode on PostgreSQL: the batch is stored, applied, and its answers cost half")
    func runBatchOnPostgres() async throws {
        let stub = BatchVendorStub { prompt in "echo \(prompt)" }
        let clients = HTTPClients(shared: HTTPClient(eventLoopGroupProvider: .singleton))
        try await clients.closing {
            try await StubServer.run(responder: { await stub.respond($0) }) { server in
                try await PostgresServerProcess.with { postgres in
                    let store = try await PostgresRunStore.open(postgres.url)
                    defer { store.close() }
                    var config = ModelConfig(name: "m", provider: "openai", model: "gpt-m")
                    config.baseURL = server.baseURL + "/v1"
                    config.apiKey = "sk-test"
                    config.price = Price(input: USD(string: "2")!, output: USD(string: "4")!)
                    let factory = ModelFactory(clients: clients, logger: Logger(label: "test"), environment: [:])
                    let batching = BatchSettings(clients: ["m": try #require(try factory.makeBatchClient(config))], pollInterval: .milliseconds(1))
                    let log = CallLog()
                    let live = ScriptedModel("m", log: log) { _, _ in "live" }
                    let runner = ExperimentRunner(store: store, models: ["m": live], batching: batching)
                    let items = arithmeticQuestions(3).map { DatasetItem(question: $0) }
                    let run = RunRecord(id: RunRecord.makeID(), name: "batch", configSnapshot: "{}", dataset: "inline", systems: ["single"])
                    try await store.createRun(run, items: items.enumerated().map { position, item in
                        ItemRecord(runID: run.id, system: "single", itemID: item.id, position: position, prompt: item.question.prompt)
                    })
                    let system = SingleSystem(name: "single", responder: .model("m", GenerationParameters()))
                    let outcome = try await runner.run(run.id, items: items, systems: [system])
                    #expect(outcome.answered == 3 && outcome.status == .completed)
                    #expect(await log.entries.isEmpty)
                    #expect(try await store.runBatches(ofRun: run.id).map(\.status) == [RunBatch.applied])
                    let perCall = config.price!.batch.cost(of: Usage(promptTokens: 10, completionTokens: 5))
                    #expect(try await store.spending(ofRun: run.id).spent == [perCall, perCall, perCall].sum())
                    let stored = try await store.items(ofRun: run.id)
                    #expect(stored.allSatisfy { $0.answer?.hasPrefix("echo ") == true && $0.answerCost == perCall })
                }
            }
        }
    }

    @Test("CoEval batches and repair on PostgreSQL: batches read back in order; an unreadable record is set aside, never deleted")
    func coevalBatchesAndRepair() async throws {
        try await PostgresServerProcess.with { server in
            let store = try await PostgresRunStore.open(server.url)
            defer { store.close() }
            let (runID, _, _) = try await CoEvalPostgresLiveTests.runTwice(store)
            let first = CoEvalBatch(
                phase: .responseCollection, model: "s1", vendor: "openai", batchID: "batch_1", customIDs: ["a": "u1"], status: "validating")
            try await store.saveCoEvalBatch(first, runID: runID)
            try await store.saveCoEvalBatch(
                CoEvalBatch(phase: .evaluation, model: "j1", vendor: "anthropic", batchID: "msgbatch_2", customIDs: [:], status: "in_progress"),
                runID: runID)
            var applied = first
            applied.status = CoEvalBatch.applied
            try await store.saveCoEvalBatch(applied, runID: runID)
            let batches = try await store.coevalBatches(ofRun: runID)
            #expect(batches.map(\.batchID) == ["batch_1", "msgbatch_2"])
            #expect(batches.map(\.isPending) == [false, true])

            let response = try #require(try await store.coevalArtifacts(ofRun: runID).responses.first)
            try await store.saveCoEvalArtifactRecord(
                Data("{not json".utf8), runID: runID, phase: .responseCollection, id: response.id, task: "math", model: response.student)
            let rows = try await store.coevalArtifactRows(ofRun: runID).count
            let repaired = try await CoEvalRepair.run(runID, store: store, dryRun: false)
            #expect(repaired.findings.map(\.id) == [response.id])
            #expect(try await store.coevalArtifactRows(ofRun: runID).count == rows)
            #expect(try await store.coevalRejections(ofRun: runID).contains { $0.unitID == response.id && $0.kind == .failed })
            #expect(try await store.coevalState(ofRun: runID).reopened == [4])
            #expect(try await CoEvalRepair.run(runID, store: store, dryRun: true).findings.isEmpty)
        }
    }

    @Test("store migrate brings a run's batches over, pending ones still pending, and moves them forward only to applied")
    func migratesBatches() async throws {
        try await PostgresServerProcess.with { server in
            let temporary = try TemporaryStore()
            let sqlite = temporary.store
            let runID = try await temporary.createRun(questions: arithmeticQuestions(1), systems: ["single"])
            var pending = RunBatch(model: "m", vendor: "openai", batchID: "batch_7", customIDs: ["q1"], status: "in_progress")
            try await sqlite.saveRunBatch(pending, runID: runID)
            try await sqlite.saveCoEvalBatch(
                CoEvalBatch(phase: .evaluation, model: "j1", vendor: "anthropic", batchID: "msgbatch_8", customIDs: ["x": "u"], status: "ended"),
                runID: runID)
            let postgres = try await PostgresRunStore.open(server.url)
            defer { postgres.close() }
            let first = try await StoreMigration(from: sqlite, to: postgres).copy()
            #expect(first.batches == 2)
            #expect(try await postgres.runBatches(ofRun: runID) == [pending])
            #expect(try await postgres.coevalBatches(ofRun: runID).map(\.batchID) == ["msgbatch_8"])
            #expect(try await StoreMigration(from: sqlite, to: postgres).copy().batches == 0)
            pending.status = RunBatch.applied
            try await sqlite.saveRunBatch(pending, runID: runID)
            #expect(try await StoreMigration(from: sqlite, to: postgres).copy().batches == 1)
            #expect(try await postgres.runBatches(ofRun: runID).map(\.status) == [RunBatch.applied])
        }
    }
}
