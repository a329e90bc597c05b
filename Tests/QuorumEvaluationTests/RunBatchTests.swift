import AsyncHTTPClient
import Foundation
import Logging
import QuorumCore
import QuorumOrchestration
import QuorumProviders
import QuorumStore
import QuorumTesting
import Synchronization
import Testing

@testable import QuorumEvaluation

/// `batch: true` in `quorum run`: the calls systems make to a batched model go through the vendor's
/// batch API (here the OpenAI batch stub), at half price, each request submitted once, across
/// interrupts and failed lines.
@Suite("ExperimentRunner: batch APIs")
struct RunBatchTests {
    static let price = Price(input: USD(string: "2")!, output: USD(string: "4")!)

    /// The stub's answer to an arithmetic question ("… 2 × N …" answered 2N), else a fixed revision.
    static let reply: @Sendable (String) -> String = { prompt in
        let words = prompt.split(separator: " ")
        guard words.count > 2, let number = Int(words[2]) else { return "Revised." }
        return "The answer is \(2 * number)."
    }

    /// Runs `body` with batch clients for `models` on the stub, polling every millisecond.
    func withBatching(
        _ stub: BatchVendorStub, models: [String], progress: (@Sendable (String) -> Void)? = nil,
        _ body: (BatchSettings) async throws -> Void
    ) async throws {
        let clients = HTTPClients(shared: HTTPClient(eventLoopGroupProvider: .singleton))
        try await clients.closing {
            try await StubServer.run(responder: { await stub.respond($0) }) { server in
                let factory = ModelFactory(clients: clients, logger: Logger(label: "test"), environment: [:])
                var made: [String: any BatchClient] = [:]
                for name in models {
                    var config = ModelConfig(name: name, provider: "openai", model: "gpt-\(name)")
                    config.baseURL = server.baseURL + "/v1"
                    config.apiKey = "sk-test"
                    config.price = Self.price
                    made[name] = try #require(try factory.makeBatchClient(config))
                }
                try await body(BatchSettings(clients: made, pollInterval: .milliseconds(1), progress: progress))
            }
        }
    }

    /// A store, a live model `m` that counts its calls (none expected), a runner batching through
    /// `batching`, and a run of `count` arithmetic items for `OneCallSystem`.
    struct Single {
        let temporary: TemporaryStore
        let live = CountingModel(name: "m", reply: arithmeticReply)
        let runner: ExperimentRunner
        let items: [DatasetItem]
        let run: String

        init(_ batching: BatchSettings, items count: Int, budget: USD? = nil, quotas: [String: Int] = [:]) async throws {
            temporary = try TemporaryStore()
            runner = ExperimentRunner(
                store: temporary.store, models: ["m": live], scorer: autoVerifier, budget: budget, quotas: quotas, batching: batching)
            items = arithmeticItems(count)
            run = try await temporary.createRun(items: items, systems: ["single"])
        }

        func answer(stop: StopSignal = StopSignal()) async throws -> RunOutcome {
            try await runner.run(run, items: items, systems: [OneCallSystem(model: "m")], stop: stop)
        }
    }

    @Test("a batched model's calls are answered from one batch at half price; nothing is called live; traces name the batch")
    func halfPrice() async throws {
        let stub = BatchVendorStub(reply: Self.reply)
        try await withBatching(stub, models: ["m"]) { batching in
            let fixture = try await Single(batching, items: 4)
            let (temporary, live, run) = (fixture.temporary, fixture.live, fixture.run)
            let outcome = try await fixture.answer()
            #expect(outcome.answered == 4 && outcome.status == .completed)
            #expect(live.totalCalls == 0)
            let (created, called, submitted) = (await stub.createdBatches, await stub.liveCalls, await stub.submissions)
            #expect(created == 1 && called == 0)
            #expect(submitted.count == 4 && submitted.values.allSatisfy { $0 == 1 })
            let stored = try await temporary.store.items(ofRun: run)
            let perCall = Self.price.batch.cost(of: Usage(promptTokens: 10, completionTokens: 5))
            #expect(stored.allSatisfy { $0.passed == true && $0.answerCost == perCall })
            #expect(perCall + perCall == Self.price.cost(of: Usage(promptTokens: 10, completionTokens: 5)))
            let calls = stored.flatMap { $0.trace?.calls ?? [] }
            let batchID = try await temporary.store.runBatches(ofRun: run).first?.batchID
            #expect(calls.count == 4 && calls.allSatisfy { $0.batch != nil && $0.batch == batchID })
            #expect(try await temporary.store.spending(ofRun: run).spent == Array(repeating: perCall, count: 4).sum())
            #expect(try await temporary.store.runBatches(ofRun: run).map(\.status) == [RunBatch.applied])
        }
    }

    @Test("an interrupt after submit keeps the batch in the store; --continue polls it and submits nothing again")
    func interruptThenContinue() async throws {
        let stub = BatchVendorStub(reply: Self.reply)
        await stub.hold()
        let stop = StopSignal()
        try await withBatching(stub, models: ["m"], progress: { if $0.contains("submitted") { _ = stop.request() } }) { batching in
            let fixture = try await Single(batching, items: 3)
            let (temporary, live, run) = (fixture.temporary, fixture.live, fixture.run)
            let first = try await fixture.answer(stop: stop)
            #expect(first.status == .stopped && first.pending == 3)
            let waiting = try await temporary.store.items(ofRun: run)
            #expect(waiting.allSatisfy { $0.note?.contains("still running; quorum run --continue picks it up") == true })
            #expect(try await temporary.store.runBatches(ofRun: run).map(\.isPending) == [true])

            await stub.release()
            let second = try await fixture.answer()
            #expect(second.status == .completed && second.answered == 3)
            #expect(live.totalCalls == 0)
            let (created, submitted) = (await stub.createdBatches, await stub.submissions)
            #expect(created == 1 && submitted.values.allSatisfy { $0 == 1 })
        }
    }

    @Test("a failed line leaves its pair pending with the vendor's reason; --continue submits that request alone")
    func failedLine() async throws {
        let failing = Mutex(true)
        let stub = BatchVendorStub(
            fault: { prompt in failing.withLock { $0 } && prompt.contains(" 2 ") ? .httpError(400, "bad line") : nil }, reply: Self.reply)
        try await withBatching(stub, models: ["m"]) { batching in
            let fixture = try await Single(batching, items: 4)
            let (temporary, live, run) = (fixture.temporary, fixture.live, fixture.run)
            let first = try await fixture.answer()
            #expect(first.answered == 3 && first.pending == 1)
            let held = try await temporary.store.items(ofRun: run).filter { $0.status == .pending }
            #expect(held.first?.note?.contains("line failed") == true && held.first?.note?.contains("bad line") == true)

            failing.withLock { $0 = false }
            let second = try await fixture.answer()
            #expect(second.status == .completed && second.answered == 4)
            #expect(live.totalCalls == 0)
            #expect(await stub.createdBatches == 2)
            #expect(await stub.submissions.values.sorted() == [1, 1, 1, 2])
        }
    }

    @Test("only the lines the budget and quotas hold at their ceiling are submitted; the rest wait with the reason")
    func budgetAndQuotas() async throws {
        // A line's ceiling at the batch price ($1/$2 per 1M): ~4 prompt tokens and 512 of answer, about $0.001.
        let stub = BatchVendorStub(reply: Self.reply)
        try await withBatching(stub, models: ["m"]) { batching in
            let fixture = try await Single(batching, items: 4, budget: USD(string: "0.0025")!)
            let first = try await fixture.answer()
            #expect(first.answered == 2 && first.pending == 2)
            let waiting = try await fixture.temporary.store.items(ofRun: fixture.run).filter { $0.status == .pending }
            #expect(waiting.allSatisfy { $0.note?.contains("budget of $0.002500 reached") == true }, "\(waiting.map(\.note))")
            #expect(await stub.submissions.count == 2)
            #expect(fixture.live.totalCalls == 0)
        }
        let counted = BatchVendorStub(reply: Self.reply)
        try await withBatching(counted, models: ["m"]) { batching in
            let fixture = try await Single(batching, items: 4, quotas: ["m": 3])
            let first = try await fixture.answer()
            #expect(first.answered == 3 && first.pending == 1)
            let waiting = try await fixture.temporary.store.items(ofRun: fixture.run).filter { $0.status == .pending }
            #expect(waiting.first?.note?.contains("quota of 3 calls reached for m") == true)
            #expect(await counted.submissions.count == 3)
        }
    }

    /// Runs two items through `DraftThenReviseSystem` with `batched` models batched; returns the
    /// items answered, the live calls of drafter and reviser, the batches made and the lines submitted.
    func revise(batching batched: [String]) async throws -> (answered: Int, live: [Int], batches: Int, lines: Int) {
        let stub = BatchVendorStub(reply: Self.reply)
        var result = (answered: 0, live: [Int](), batches: 0, lines: 0)
        try await withBatching(stub, models: batched) { batching in
            let temporary = try TemporaryStore()
            let models = ["drafter", "reviser"].map { CountingModel(name: $0, reply: arithmeticReply) }
            let runner = ExperimentRunner(
                store: temporary.store, models: ["drafter": models[0], "reviser": models[1]], batching: batching)
            let items = arithmeticItems(2)
            let run = try await temporary.createRun(items: items, systems: ["revise"])
            let outcome = try await runner.run(run, items: items, systems: [DraftThenReviseSystem(drafter: "drafter", reviser: "reviser")])
            result = (outcome.answered, models.map(\.totalCalls), await stub.createdBatches, await stub.submissions.count)
        }
        return result
    }

    @Test("when both of a system's calls go to batched models, each becomes a batch in turn; a live model is never deferred")
    func rounds() async throws {
        let both = try await revise(batching: ["drafter", "reviser"])
        #expect(both.answered == 2 && both.live == [0, 0] && both.batches == 2 && both.lines == 4)
        // Only the drafter batched: the reviser answers live, after the drafts came back.
        let drafts = try await revise(batching: ["drafter"])
        #expect(drafts.answered == 2 && drafts.live == [0, 2] && drafts.batches == 1 && drafts.lines == 2)
    }
}
