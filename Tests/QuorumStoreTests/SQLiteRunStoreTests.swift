import Foundation
import QuorumCore
import QuorumOrchestration
import QuorumTesting
import Testing

@testable import QuorumStore

@Suite("SQLiteRunStore")
struct SQLiteRunStoreTests {
    @Test("many openers of one new file at once all get a migrated store (workers, or `quorum runs` beside a run)")
    func concurrentOpeners() async throws {
        for round in 0..<5 {
            let path = NSTemporaryDirectory() + "quorum-openers-\(UUID().uuidString)/runs-\(round).db"
            defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
            let opened = try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<8 {
                    group.addTask { try await SQLiteRunStore(path: path).runs().count }
                }
                return try await group.reduce(0) { $0 + 1 + $1 }
            }
            #expect(opened == 8)
        }
    }

    @Test("saves an item with its trace and lists runs newest first")
    func savesItemsAndRuns() async throws {
        let temporary = try TemporaryStore()
        let older = try await temporary.createRun(questions: arithmeticQuestions(2), systems: ["a", "b"])
        try await Task.sleep(for: .milliseconds(5))
        let newer = try await temporary.createRun(questions: arithmeticQuestions(1), systems: ["a"])
        #expect(try await temporary.store.runs().map(\.id) == [newer, older])
        var item = try #require(try await temporary.store.item(ofRun: older, system: "b", itemID: "q1"))
        let call = CallRecord(key: "answer", model: "m", role: .answer, messages: [.user("q")], response: "2",
            cost: USD(string: "0.000123")!)
        item.status = .answered
        item.answer = "2"
        item.trace = TraceNode(kind: .system, label: "b", children: [TraceNode(kind: .call, label: "m", call: call)])
        item.answerCost = call.cost
        try await temporary.store.save(item)
        let stored = try #require(try await temporary.store.item(ofRun: older, system: "b", itemID: "q1"))
        #expect(stored.status == .answered)
        #expect(stored.trace == item.trace)
        #expect(stored.answerCost == USD(string: "0.000123")!)
        #expect(try await temporary.store.items(ofRun: older).map(\.itemID) == ["q0", "q0", "q1", "q1"])
        let spending = try await temporary.store.spending(ofRun: older)
        #expect(spending == RunSpending(spent: USD(string: "0.000123")!, callsByModel: ["m": 1]))
    }

    @Test("the journal replays a recorded call for the same item only, marked as replayed")
    func journalScope() async throws {
        let temporary = try TemporaryStore()
        let runID = try await temporary.createRun(questions: arithmeticQuestions(2), systems: ["s"])
        let journal = try await temporary.store.journal(run: runID, system: "s", item: "q0")
        try await journal.record(CallRecord(key: "level-1/answer", model: "m", role: .answer, messages: [], response: "x"))
        let reopened = try await temporary.store.journal(run: runID, system: "s", item: "q0")
        #expect(try await reopened.replay("level-1/answer")?.response == "x")
        #expect(try await reopened.replay("level-2/answer") == nil)
        let other = try await temporary.store.journal(run: runID, system: "s", item: "q1")
        #expect(try await other.replay("level-1/answer") == nil)
        let context = RunContext(models: [:], journal: reopened)
        let replayed = try await context.call("m", ChatRequest(prompt: "q"), key: "level-1/answer")
        #expect(replayed.replayed)
    }

    @Test("reopening a store keeps its runs and applies no migration twice")
    func reopen() async throws {
        let temporary = try TemporaryStore()
        let runID = try await temporary.createRun(questions: arithmeticQuestions(3), systems: ["s"])
        let again = try SQLiteRunStore(path: temporary.store.path)
        #expect(try await again.run(runID)?.systems == ["s"])
        try await again.updateRun(runID, status: .completed, stopReason: nil)
        #expect(try await temporary.store.run(runID)?.finishedAt != nil)
    }

    @Test("store locations resolve sqlite: prefixes and relative paths against the config's folder")
    func locations() {
        #expect(StoreLocation("sqlite:/tmp/x.db").address == "/tmp/x.db")
        #expect(StoreLocation("runs.db", baseDirectory: "/work/exp").address == "/work/exp/runs.db")
        #expect(StoreLocation("postgres://db/quorum").kind == .postgres)
        var config = QuorumConfig()
        config.sourcePath = "/work/exp/config.yaml"
        config.experiment = ExperimentConfig(name: "e")
        config.experiment?.store = "out/q.db"
        #expect(StoreLocation.resolve(flag: nil, config: config).address == "/work/exp/out/q.db")
        #expect(StoreLocation.resolve(flag: "/tmp/f.db", config: config).address == "/tmp/f.db")
    }
}

@Suite("SQLiteRunStore: served traces")
struct ServedTraceStoreTests {
    func trace(_ id: String, answer: String) -> ServedTrace {
        let call = CallRecord(key: "call", model: "cheap", role: .answer, messages: [.user("q")], response: answer,
            cost: USD(string: "0.00002")!)
        return ServedTrace(id: id, model: "cascade", created: 1_790_000_000,
            trace: TraceNode(kind: .system, label: "cascade", children: [TraceNode(kind: .call, label: "cheap", call: call)]))
    }

    @Test("traces are saved in a batch, read back whole, replaced when saved again, and reopened")
    func roundTrip() async throws {
        let temporary = try TemporaryStore()
        try await temporary.store.saveServedTraces([trace("chatcmpl-1", answer: "41"), trace("chatcmpl-2", answer: "42")])
        try await temporary.store.saveServedTraces([trace("chatcmpl-1", answer: "43")])
        #expect(try await temporary.store.servedTrace(id: "chatcmpl-2") == trace("chatcmpl-2", answer: "42"))
        #expect(try await temporary.store.servedTrace(id: "chatcmpl-1") == trace("chatcmpl-1", answer: "43"))
        #expect(try await temporary.store.servedTrace(id: "chatcmpl-3") == nil)
        let reopened = try SQLiteRunStore(path: temporary.store.path)
        #expect(try await reopened.servedTrace(id: "chatcmpl-2")?.trace.calls.first?.response == "42")
    }
}
