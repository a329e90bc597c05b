import Foundation
import QuorumCore
import QuorumOrchestration
import QuorumTesting
import Testing

@testable import QuorumEvaluation
@testable import QuorumStore

/// The PostgreSQL run store against a real server (`initdb` in a temporary folder, started by
/// `scripts/postgres-server.sh`): the same contract as SQLite, runs that resume without paying
/// twice, many openers at once, and a password that never shows.
@Suite("PostgreSQL store (live)", .serialized, .enabled(if: LiveEnvironment.isEnabled))
struct PostgresStoreLiveTests {
    static func items(_ count: Int) -> [DatasetItem] {
        (0..<count).map { DatasetItem(question: Question(id: "q\($0)", prompt: "What is \($0) + \($0)?", reference: "\(2 * $0)")) }
    }

    /// Creates a run of `systems` over `items` in `store`, every pair pending.
    static func createRun(_ store: any RunStore, items: [DatasetItem], systems: [String]) async throws -> String {
        let run = RunRecord(
            id: RunRecord.makeID(), name: "live", configSnapshot: "{}", dataset: "inline", systems: systems, scoring: "verifier:auto")
        let pairs = items.enumerated().flatMap { position, item in
            systems.map { ItemRecord(runID: run.id, system: $0, itemID: item.id, position: position, prompt: item.question.prompt, reference: item.question.reference) }
        }
        try await store.createRun(run, items: pairs)
        return run.id
    }

    /// What every store must do, checked the same way on each.
    static func exerciseContract(_ store: any RunStore) async throws {
        let older = try await createRun(store, items: items(2), systems: ["a", "b"])
        try await Task.sleep(for: .milliseconds(5))
        let newer = try await createRun(store, items: items(1), systems: ["a"])
        #expect(try await store.runs().prefix(2).map(\.id) == [newer, older])
        #expect(try await store.items(ofRun: older).map(\.itemID) == ["q0", "q0", "q1", "q1"])

        var item = try #require(try await store.item(ofRun: older, system: "b", itemID: "q1"))
        let call = CallRecord(key: "answer", model: "m", role: .answer, messages: [.user("q")], response: "2", cost: USD(string: "0.000123")!)
        item.status = .answered
        item.answer = "2"
        item.passed = true
        item.trace = TraceNode(kind: .system, label: "b", children: [TraceNode(kind: .call, label: "m", call: call)])
        item.answerCost = call.cost
        try await store.save(item)
        try await store.save(item)  // saving again keeps one call and the pair's place
        let stored = try #require(try await store.item(ofRun: older, system: "b", itemID: "q1"))
        #expect(stored.status == .answered && stored.passed == true && stored.trace == item.trace)
        #expect(stored.answerCost == USD(string: "0.000123")!)
        #expect(try await store.items(ofRun: older).map(\.system) == ["a", "b", "a", "b"])
        #expect(try await store.spending(ofRun: older) == RunSpending(spent: USD(string: "0.000123")!, callsByModel: ["m": 1]))
        #expect(try await store.pairsWithCalls(ofRun: older) == [PairKey(system: "b", item: "q1")])

        let journal = try await store.journal(run: older, system: "a", item: "q0")
        try await journal.record(CallRecord(key: "level-1/answer", model: "m", role: .answer, messages: [], response: "x"))
        #expect(try await store.journal(run: older, system: "a", item: "q0").replay("level-1/answer")?.response == "x")
        #expect(try await store.journal(run: older, system: "a", item: "q1").replay("level-1/answer") == nil)

        var extra = ItemRecord(runID: newer, system: "a", itemID: "q9", position: 9, prompt: "p")
        extra.status = .pending
        try await store.addMissingItems([extra, try #require(try await store.item(ofRun: newer, system: "a", itemID: "q0"))])
        #expect(try await store.items(ofRun: newer).map(\.itemID) == ["q0", "q9"])
        try await store.updateRun(newer, status: .completed, stopReason: nil)
        let finished = try #require(try await store.run(newer))
        #expect(finished.status == .completed && finished.finishedAt != nil)
    }

    @Test("PostgreSQL keeps the store contract SQLite keeps, checked the same way on both")
    func contract() async throws {
        try await PostgresServerProcess.with { server in
            let postgres = try await PostgresRunStore.open(server.url)
            defer { postgres.close() }
            try await Self.exerciseContract(postgres)
            let folder = NSTemporaryDirectory() + "quorum-contract-\(UUID().uuidString)"
            defer { try? FileManager.default.removeItem(atPath: folder) }
            try await Self.exerciseContract(try SQLiteRunStore(path: folder + "/runs.db"))
        }
    }

    @Test("a run stopped half-way and continued on PostgreSQL answers every item once and pays no call twice")
    func resumes() async throws {
        try await PostgresServerProcess.with { server in
            let store = try await PostgresRunStore.open(server.url)
            defer { store.close() }
            let items = Self.items(30)
            let runID = try await Self.createRun(store, items: items, systems: ["single"])
            let log = CallLog()
            let model = ScriptedModel("m", log: log) { request, _ in
                let prompt = request.messages.last?.content ?? ""
                return String(2 * (Int(prompt.split(separator: " ")[2]) ?? 0))
            }
            let system = SingleSystem(name: "single", responder: .model("m", GenerationParameters()))
            let scorer = JudgeScorer.verifier(.auto(tolerance: 1e-6), named: "auto")
            let stop = StopSignal()
            let stopping = ScriptedModel("m", log: log) { request, index in
                if index == 11 { stop.request() }
                return model.reply(request, index)
            }
            let first = try await ExperimentRunner(store: store, models: ["m": stopping], scorer: scorer, concurrency: 1)
                .run(runID, items: items, systems: [system], stop: stop)
            #expect(first.status == .stopped && first.answered >= 12 && first.answered < 30)
            let paidBefore = await log.entries.count
            let second = try await ExperimentRunner(store: store, models: ["m": model], scorer: scorer, concurrency: 4)
                .run(runID, items: items, systems: [system])
            #expect(second.status == .completed && second.answered == 30)
            #expect(await log.entries.count - paidBefore == 30 - first.answered)
            let stored = try await store.items(ofRun: runID)
            #expect(stored.allSatisfy { $0.status == .answered && $0.passed == true })
            #expect(try await store.spending(ofRun: runID).callsByModel["m"] == 30)
        }
    }

    @Test("eight processes' worth of openers on a new database apply each migration once")
    func concurrentOpeners() async throws {
        try await PostgresServerProcess.with { server in
            let stores = try await withThrowingTaskGroup(of: PostgresRunStore.self) { group in
                for _ in 0..<8 { group.addTask { try await PostgresRunStore.open(server.url) } }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            defer { stores.forEach { $0.close() } }
            let rows = try await stores[0].client.query("SELECT count(*) FROM quorum_migrations")
            for try await count in rows.decode(Int.self) { #expect(count == PostgresSchema.migrations.count) }
            #expect(try await stores[7].runs().isEmpty)
        }
    }

    @Test("a wrong password fails in the server's words, and no message or description shows a password")
    func passwordNeverShown() async throws {
        try await PostgresServerProcess.with { server in
            let wrong = server.url.replacingOccurrences(of: server.password, with: "not-the-password-42")
            let error = try await #require(throws: QuorumError.self) { try await PostgresRunStore.open(wrong) }
            #expect(error.message.contains("password authentication failed"))
            #expect(!error.message.contains("not-the-password-42") && !"\(error)".contains("not-the-password-42"))
            let store = try await PostgresRunStore.open(server.url)
            defer { store.close() }
            #expect(!store.location.contains(server.password))
            #expect(!StoreLocation(server.url).description.contains(server.password))
        }
    }
}
