import Foundation
import QuorumCore
import QuorumOrchestration
import QuorumTesting
import Synchronization
import Testing

@testable import QuorumCoEval
@testable import QuorumEvaluation
@testable import QuorumStore

/// `quorum store migrate`'s library path: a SQLite store made by real runs (scripted models),
/// copied into a real PostgreSQL store, compared row by row, and migrated again.
@Suite("quorum store migrate (live)", .serialized, .enabled(if: LiveEnvironment.isEnabled))
struct StoreMigrateLiveTests {
    /// A SQLite store with an answered run of two systems (a cascade whose every item pays two
    /// calls, one of them cached away on resume), its pairwise verdicts, a CoEval run, served traces.
    static func populated(_ folder: String) async throws -> (store: SQLiteRunStore, runID: String, coevalID: String) {
        let store = try SQLiteRunStore(path: folder + "/runs.db")
        let items = PostgresStoreLiveTests.items(12)
        let runID = try await PostgresStoreLiveTests.createRun(store, items: items, systems: ["single", "other"])
        let model = ScriptedModel("m", cost: USD(string: "0.000321")!) { request, _ in
            String(2 * (Int((request.messages.last?.content ?? "").split(separator: " ")[2]) ?? 0))
        }
        let systems = ["single", "other"].map { SingleSystem(name: $0, responder: .model("m", GenerationParameters())) }
        let outcome = try await ExperimentRunner(
            store: store, models: ["m": model], scorer: JudgeScorer.verifier(.auto(tolerance: 1e-6), named: "auto"),
            concurrency: 3
        ).run(runID, items: items, systems: systems)
        #expect(outcome.status == .completed)
        let answered = try await store.items(ofRun: runID)
        _ = try await PairwiseJudging(
            store: store, judge: PostgresPairwiseLiveTests.judge,
            models: ["judge": PostgresPairwiseLiveTests.judgeModel(log: CallLog())]
        ).judgeMissing(runID: runID, items: answered, baseline: "single")

        let coeval = RunRecord(id: RunRecord.makeID(), name: "coeval", configSnapshot: "{}", dataset: CoEvalSetup.datasetMarker, systems: [])
        try await store.createCoEvalRun(coeval)
        for index in 1...3 {
            let item = CoEvalItem(id: "math.t1.\(index)", task: "math", teacher: "t1", prompt: "p\(index)", referenceResponse: "r\(index)")
            try await store.saveCoEvalArtifact(item, runID: coeval.id, phase: .dataGeneration, id: item.id, task: "math", model: "t1")
        }
        try await store.saveCoEvalRejection(
            CoEvalRejection(phase: .dataGeneration, unitID: "math.t1.4", attempt: 0, model: "t1", kind: .malformed, reason: "no JSON", reply: "hm"),
            runID: coeval.id)
        var state = CoEvalRunState()
        state.generations[3] = 1
        try await store.saveCoEvalState(state, ofRun: coeval.id)

        // A run of 1,100 pending pairs: more than two batches of a migration's INSERTs.
        _ = try await PostgresStoreLiveTests.createRun(store, items: PostgresStoreLiveTests.items(1100), systems: ["pending"])
        try await store.saveServedTraces((1...1207).map { index in
            let call = CallRecord(key: "answer", model: "m", role: .answer, messages: [.user("q\(index)")], response: "a\(index)")
            return ServedTrace(id: "chatcmpl-\(index)", model: "m", created: 1_700_000_000 + index,
                               trace: TraceNode(kind: .call, label: "m", call: call))
        })
        return (store, runID, coeval.id)
    }

    /// Every item, call, cost and verdict of `runID` is the same in both stores (dates to the millisecond).
    static func expectSameRun(_ runID: String, _ sqlite: SQLiteRunStore, _ postgres: PostgresRunStore) async throws {
        let source = try #require(try await sqlite.run(runID))
        let copy = try #require(try await postgres.run(runID))
        #expect(abs(source.updatedAt.timeIntervalSince(copy.updatedAt)) < 0.001)
        var undated = copy
        undated.updatedAt = source.updatedAt
        undated.createdAt = source.createdAt
        undated.finishedAt = source.finishedAt
        #expect(undated == source)

        let sourceItems = try await sqlite.items(ofRun: runID)
        let copiedItems = try await postgres.items(ofRun: runID)
        #expect(copiedItems.count == sourceItems.count && sourceItems.count == 24)
        for (original, copied) in zip(sourceItems, copiedItems) {
            #expect(abs(original.updatedAt.timeIntervalSince(copied.updatedAt)) < 0.001)
            var undated = copied
            undated.updatedAt = original.updatedAt
            #expect(undated == original)
            #expect(copied.answerCost == original.answerCost && copied.answerCost == USD(string: "0.000321"))
            for call in original.trace?.calls ?? [] {
                let sourceJournal = try await sqlite.journal(run: runID, system: original.system, item: original.itemID)
                let copiedJournal = try await postgres.journal(run: runID, system: original.system, item: original.itemID)
                #expect(try await copiedJournal.replay(call.key) == sourceJournal.replay(call.key))
                #expect(try await copiedJournal.replay(call.key) != nil)
            }
        }
        #expect(try await postgres.spending(ofRun: runID) == sqlite.spending(ofRun: runID))
        #expect(try await postgres.pairsWithCalls(ofRun: runID) == sqlite.pairsWithCalls(ofRun: runID))
        let verdicts = try await sqlite.pairwiseVerdicts(ofRun: runID)
        #expect(verdicts.count == 24)  // 12 items × 2 orders for `other` against `single`
        #expect(try await postgres.pairwiseVerdicts(ofRun: runID).map(\.call) == verdicts.map(\.call))
    }

    @Test("a SQLite store migrates losslessly, and a second migration copies nothing")
    func migratesOnce() async throws {
        try await PostgresServerProcess.with { server in
            let folder = NSTemporaryDirectory() + "quorum-migrate-\(UUID().uuidString)"
            defer { try? FileManager.default.removeItem(atPath: folder) }
            let postgres = try await PostgresRunStore.open(server.url)
            defer { postgres.close() }
            let (sqlite, runID, coevalID) = try await Self.populated(folder)
            let migration = StoreMigration(from: sqlite, to: postgres)
            let steps = Mutex<[StoreMigration.Tally]>([])
            let started = ContinuousClock.now
            let first = try await migration.copy { tally in steps.withLock { $0.append(tally) } }
            print("store migrate: \(first.copied) rows copied in \(ContinuousClock.now - started)")  // for the record, never asserted
            // 3 runs; 24 + 1,100 items; 24 answer calls; 24 verdicts; 3 artifacts + 1 rejection + 1 state; 1,207 traces.
            #expect(first.runs == 3 && first.items == 1124 && first.calls == 24 && first.pairwiseVerdicts == 24)
            #expect(first.coevalRows == 5 && first.servedTraces == 1207 && first.alreadyThere == 0)
            #expect(steps.withLock { $0.last } == first && steps.withLock { $0.count } >= 3)
            try await Self.expectSameRun(runID, sqlite, postgres)

            #expect(try await postgres.coevalArtifacts(ofRun: coevalID) == sqlite.coevalArtifacts(ofRun: coevalID))
            #expect(try await postgres.coevalRejections(ofRun: coevalID).map(\.reply) == ["hm"])
            #expect(try await postgres.coevalState(ofRun: coevalID) == sqlite.coevalState(ofRun: coevalID))
            for id in ["chatcmpl-3", "chatcmpl-1207"] { #expect(try await postgres.servedTrace(id: id) == sqlite.servedTrace(id: id)) }
            let large = try #require(try await sqlite.runs().first { $0.systems == ["pending"] })
            #expect(try await postgres.items(ofRun: large.id).map(\.itemID) == sqlite.items(ofRun: large.id).map(\.itemID))

            let second = try await migration.copy()
            #expect(second.copied == 0 && second.alreadyThere == first.copied)
            try await Self.expectSameRun(runID, sqlite, postgres)

            // The run goes on in SQLite after the migration: the next one brings only that item over.
            var changed = try #require(try await sqlite.item(ofRun: runID, system: "other", itemID: "q3"))
            changed.note = "looked at again"
            changed.updatedAt = Date().addingTimeInterval(1)
            try await sqlite.save(changed)
            let third = try await migration.copy(runs: [runID])
            #expect(third.items == 1 && third.copied == 1)
            #expect(try await postgres.item(ofRun: runID, system: "other", itemID: "q3")?.note == "looked at again")

            let unknown = await #expect(throws: QuorumError.self) { try await migration.copy(runs: ["no-such-run"]) }
            #expect(unknown?.message.contains("no-such-run") == true)
        }
    }
}
