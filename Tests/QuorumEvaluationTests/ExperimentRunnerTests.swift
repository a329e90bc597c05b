import Foundation
import QuorumCore
import QuorumOrchestration
import QuorumTesting
import Synchronization
import Testing

@testable import QuorumEvaluation

@Suite("ExperimentRunner")
struct ExperimentRunnerTests {
    @Test("answers, scores and stores every pair, each call made once")
    func answersEveryPair() async throws {
        let temporary = try TemporaryStore()
        let model = CountingModel(name: "m", reply: arithmeticReply)
        let items = arithmeticItems(20)
        let runID = try await temporary.createRun(items: items, systems: ["single"])
        let runner = ExperimentRunner(store: temporary.store, models: ["m": model], scorer: autoVerifier)
        let outcome = try await runner.run(runID, items: items, systems: [OneCallSystem(model: "m")])
        #expect(outcome.status == .completed)
        #expect(outcome.answered == 20)
        #expect(model.totalCalls == 20)
        let stored = try await temporary.store.items(ofRun: runID)
        #expect(stored.allSatisfy { $0.status == .answered && $0.passed == true && $0.answerCost > .zero })
        let run = try #require(try await temporary.store.run(runID))
        #expect(run.status == .completed)
        #expect(RunSummary(run: run, items: stored).systems.first?.accuracy == 1)
    }

    @Test("a run stopped mid-way and continued calls no item twice and answers each exactly once")
    func resumeMakesNoDuplicateCalls() async throws {
        let temporary = try TemporaryStore()
        let stop = StopSignal()
        let items = arithmeticItems(60)
        // The upstream asks the run to stop (like a Ctrl-C) once it has seen 25 calls.
        let model = CountingModel(name: "m") { request in
            return arithmeticReply(request)
        }
        let runID = try await temporary.createRun(items: items, systems: ["single"])
        let first = ExperimentRunner(store: temporary.store, models: ["m": StoppingModel(base: model, after: 25, stop: stop)],
            scorer: autoVerifier, concurrency: 4)
        let interrupted = try await first.run(runID, items: items, systems: [OneCallSystem(model: "m")], stop: stop)
        #expect(interrupted.status == .stopped)
        #expect(interrupted.pending > 0)
        #expect(interrupted.answered >= 25)

        let second = ExperimentRunner(store: temporary.store, models: ["m": model], scorer: autoVerifier)
        let finished = try await second.run(runID, items: items, systems: [OneCallSystem(model: "m")])
        #expect(finished.status == .completed)
        #expect(finished.answered == 60)
        #expect(model.callsByPrompt.count == 60)
        #expect(model.callsByPrompt.values.allSatisfy { $0 == 1 })
    }

    @Test("calls journaled before a crash are replayed, not paid again")
    func journaledCallsAreReplayed() async throws {
        let temporary = try TemporaryStore()
        let items = arithmeticItems(10)
        let runID = try await temporary.createRun(items: items, systems: ["revise"])
        // A process that died after the drafts were paid for but before any item was saved.
        for item in items {
            let journal = try await temporary.store.journal(run: runID, system: "revise", item: item.id)
            try await journal.record(CallRecord(
                key: "draft", model: "a", role: .answer, messages: item.question.messages, response: "draft",
                cost: USD(string: "0.5")!))
        }
        let drafter = CountingModel(name: "a")
        let reviser = CountingModel(name: "b", reply: arithmeticReply)
        let runner = ExperimentRunner(store: temporary.store, models: ["a": drafter, "b": reviser], scorer: autoVerifier)
        let outcome = try await runner.run(runID, items: items, systems: [DraftThenReviseSystem(drafter: "a", reviser: "b")])
        #expect(outcome.answered == 10)
        #expect(drafter.totalCalls == 0)
        #expect(reviser.totalCalls == 10)
        let stored = try await temporary.store.items(ofRun: runID)
        let replayed = stored.flatMap { $0.trace?.calls ?? [] }.filter(\.replayed)
        #expect(replayed.count == 10)
        #expect(stored.map(\.answerCost).sum() == USD(string: "5")! + USD(string: "0.00015")!)
    }

    @Test("a quota stop leaves pending items with the reason, and continue completes them without repeating calls")
    func quotaStopThenContinue() async throws {
        let temporary = try TemporaryStore()
        let items = arithmeticItems(12)
        let runID = try await temporary.createRun(items: items, systems: ["revise"])
        let drafter = CountingModel(name: "a")
        let reviser = CountingModel(name: "b", reply: arithmeticReply)
        let system = DraftThenReviseSystem(drafter: "a", reviser: "b")
        let models: [String: any ChatModel] = ["a": drafter, "b": reviser]
        let limited = ExperimentRunner(store: temporary.store, models: models, concurrency: 1, quotas: ["b": 5])
        let stopped = try await limited.run(runID, items: items, systems: [system])
        #expect(stopped.status == .stopped)
        #expect(stopped.answered == 5)
        #expect(stopped.pending == 7)
        let pending = try await temporary.store.items(ofRun: runID).filter { $0.status == .pending }
        #expect(pending.allSatisfy { $0.reasonKind == "quota_exhausted" && $0.note?.contains("quota") == true })
        #expect(try await temporary.store.run(runID)?.stopReason?.contains("quota") == true)

        let raised = ExperimentRunner(store: temporary.store, models: models, concurrency: 3, quotas: ["b": 12])
        let finished = try await raised.run(runID, items: items, systems: [system])
        #expect(finished.status == .completed)
        #expect(finished.answered == 12)
        #expect(drafter.callsByPrompt.values.allSatisfy { $0 == 1 })
        #expect(drafter.totalCalls == 12)
        #expect(reviser.totalCalls == 12)
    }

    @Test("a budget stop never crashes the run, and continue with a larger budget fills the rest")
    func budgetStopThenContinue() async throws {
        let temporary = try TemporaryStore()
        let items = arithmeticItems(30)
        let runID = try await temporary.createRun(items: items, systems: ["single"])
        // Each call costs 15 tokens × $1/M = $0.000015; a $0.0001 budget admits about 7 calls.
        let model = CountingModel(name: "m", reply: arithmeticReply)
        let budget = USD(string: "0.0001")!
        let first = ExperimentRunner(store: temporary.store, models: ["m": model], concurrency: 2, budget: budget)
        let stopped = try await first.run(runID, items: items, systems: [OneCallSystem(model: "m")])
        #expect(stopped.status == .stopped)
        #expect(stopped.answered > 0 && stopped.answered < 30)
        let spent = try await temporary.store.spending(ofRun: runID).spent
        #expect(spent >= budget)
        let pending = try await temporary.store.items(ofRun: runID).filter { $0.status == .pending }
        #expect(pending.allSatisfy { $0.reasonKind == "budget_exhausted" })

        let second = ExperimentRunner(store: temporary.store, models: ["m": model], budget: USD(string: "1")!)
        let finished = try await second.run(runID, items: items, systems: [OneCallSystem(model: "m")])
        #expect(finished.answered == 30)
        #expect(model.totalCalls == 30)
    }

    @Test("a multi-turn item asks each follow-up after the answer to the turn before, each turn keyed apart")
    func multiTurnItems() async throws {
        let temporary = try TemporaryStore()
        let item = DatasetItem(
            question: Question(id: "mt", prompt: "Name a colour."), followUps: ["Now a fruit of that colour."],
            references: [nil, "banana"])
        let model = CountingModel(name: "m") { request in
            request.messages.count == 1 ? "yellow" : "banana, since you said \(request.messages[1].content)"
        }
        let runID = try await temporary.createRun(items: [item], systems: ["single"])
        let runner = ExperimentRunner(store: temporary.store, models: ["m": model], scorer: autoVerifier)
        _ = try await runner.run(runID, items: [item], systems: [OneCallSystem(model: "m")])
        let stored = try #require(try await temporary.store.item(ofRun: runID, system: "single", itemID: "mt"))
        #expect(stored.answer == "banana, since you said yellow")
        #expect(stored.passed == true)
        #expect(stored.trace?.calls.map(\.key) == ["turn-1/answer", "turn-2/answer"])
        #expect(stored.trace?.calls.last?.messages.map(\.content) == ["Name a colour.", "yellow", "Now a fruit of that colour."])
    }

        @Test("a second stop request abandons items in flight and leaves them pending")
    func abandonLeavesInFlightPending() async throws {
        let temporary = try TemporaryStore()
        let items = arithmeticItems(8)
        let runID = try await temporary.createRun(items: items, systems: ["single"])
        let stop = StopSignal()
        let runner = ExperimentRunner(store: temporary.store, models: ["slow": HangingModel(stop: stop)], concurrency: 4)
        let outcome = try await runner.run(runID, items: items, systems: [OneCallSystem(model: "slow")], stop: stop)
        #expect(outcome.status == .stopped)
        #expect(outcome.pending == 8)
        let stored = try await temporary.store.items(ofRun: runID)
        #expect(stored.filter { $0.reasonKind == "cancelled" }.count == 4)
    }
}

/// Passes calls to `base` and requests a stop once `after` calls have started.
struct StoppingModel: ChatModel {
    var base: CountingModel
    var after: Int
    var stop: StopSignal
    var name: String { base.name }

    func complete(_ request: ChatRequest) async throws -> Completion {
        let completion = try await base.complete(request)
        if base.totalCalls == after { stop.request() }
        return completion
    }
}

/// Never answers: requests stop twice (abandon) once four calls hang, then waits to be cancelled.
final class HangingModel: ChatModel {
    let name = "slow"
    let stop: StopSignal
    private let started = Mutex(0)

    init(stop: StopSignal) { self.stop = stop }

    func complete(_ request: ChatRequest) async throws -> Completion {
        let count = started.withLock { count in
            count += 1
            return count
        }
        if count == 4 {
            stop.request()
            stop.request()
        }
        try await Task.sleep(for: .seconds(60))
        return Completion(text: "late")
    }
}
