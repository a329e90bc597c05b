import Foundation
import QuorumCore
@testable import QuorumCoEval
import QuorumEvaluation
import QuorumProviders
import QuorumTesting
import Synchronization
import Testing

@Suite("CoEval batch mode")
struct CoEvalBatchTests {
    @Test("phases 4-5 in batch mode complete at half price, each request submitted once, nothing called live")
    func completesAtHalfPrice() async throws {
        let stub = BatchVendorStub(reply: coevalStubReply)
        try await withBatchStub(stub) { server, clients in
            let temporary = try TemporaryStore()
            let fixture = batchedFixture(baseURL: server.baseURL)
            let outcome = try await fixture.runBatched(temporary.store, clients: clients)
            #expect(outcome.status == .completed)
            #expect(await stub.createdBatches == 2)
            #expect(await stub.submissions.count == 12)
            #expect(await stub.submissions.values.allSatisfy { $0 == 1 })
            #expect(await stub.liveCalls == 0)
            #expect(fixture.models["student1"]?.totalCalls == 0 && fixture.models["judge1"]?.totalCalls == 0)
            let spending = try await temporary.store.coevalSpending(ofRun: outcome.runID)
            #expect(spending["student1"]?.calls == 4 && spending["student1"]?.cost == USD(batchCallCost.amount * 4))
            #expect(spending["judge1"]?.calls == 8 && spending["judge1"]?.cost == USD(batchCallCost.amount * 8))
            let artifacts = try await temporary.store.coevalArtifacts(ofRun: outcome.runID)
            #expect(artifacts.responses.count == 4 && artifacts.responses.allSatisfy { $0.text.hasPrefix("Answer from") })
            #expect(artifacts.evaluations.count == 4 && artifacts.evaluations.allSatisfy { $0.scores.count == 2 })
            let batches = try await temporary.store.coevalBatches(ofRun: outcome.runID)
            #expect(batches.map(\.status) == [CoEvalBatch.applied, CoEvalBatch.applied])
            #expect(batches.map(\.vendor) == ["openai", "anthropic"])
        }
    }

    @Test("a failed line is a gap with its reason, and --continue submits that request alone again")
    func failedLineIsAGap() async throws {
        let failing = Mutex(true)
        let stub = BatchVendorStub(
            fault: { prompt in failing.withLock { $0 } && prompt.contains("Question 3") ? .httpError(400, "bad line") : nil },
            reply: coevalStubReply)
        try await withBatchStub(stub) { server, clients in
            let temporary = try TemporaryStore()
            let fixture = batchedFixture(baseURL: server.baseURL)
            let first = try await fixture.runBatched(temporary.store, clients: clients)
            #expect(first.status == .stopped)
            let rejections = try await temporary.store.coevalRejections(ofRun: first.runID)
            #expect(rejections.count == 1)
            #expect(rejections.first?.kind == .failed && rejections.first?.reason.contains("bad line") == true)
            #expect(rejections.first?.phase == .responseCollection)
            failing.withLock { $0 = false }
            let second = try await fixture.runBatched(temporary.store, clients: clients, continuing: first.runID)
            #expect(second.status == .completed)
            // The failed request was sent twice (its first batch answered it with an error); every other once:
            // 4 responses, then 3 × 2 grades, then the failed response again and its 2 grades.
            #expect(await stub.submissions.values.sorted() == Array(repeating: 1, count: 11) + [2])
        }
    }

    @Test("batch lines are held at their ceiling cost: a budget or quota they would pass submits nothing past it")
    func budgetAndQuotaBeforeSubmit() async throws {
        // The scripted teacher's 4 items cost $0.004; a line's ceiling is its prompt and 512 tokens of
        // answer at the batch price, about $0.002: the $0.001 left holds none of phase 4's four lines.
        let stub = BatchVendorStub(reply: coevalStubReply)
        try await withBatchStub(stub) { server, clients in
            let temporary = try TemporaryStore()
            var fixture = batchedFixture(baseURL: server.baseURL)
            fixture.config.coeval?.budgetUSD = USD(string: "0.005")
            let outcome = try await fixture.runBatched(temporary.store, clients: clients)
            #expect(outcome.status == .stopped)
            #expect(outcome.stopped[CoEvalPhase.responseCollection.rawValue] == 4, "\(outcome.stopped) \(outcome.stops) \(outcome.made)")
            #expect(outcome.stops.contains { $0.reason.contains("budget of $0.005000 reached: $0.004000 spent") && $0.model == "student1" })
            #expect(await stub.createdBatches == 0)
        }
        // A quota of 2 calls lets 2 of the 4 responses through.
        let counted = BatchVendorStub(reply: coevalStubReply)
        try await withBatchStub(counted) { server, clients in
            let temporary = try TemporaryStore()
            var fixture = batchedFixture(baseURL: server.baseURL)
            fixture.config.coeval?.quota = ["student1": CoEvalQuota(maxCalls: 2)]
            let outcome = try await fixture.runBatched(temporary.store, clients: clients)
            #expect(outcome.stops.contains { $0.reason.contains("quota of 2 calls reached for student1") })
            // 2 responses, then their 2 × 2 grades: 6 lines, none of the 2 held-back responses.
            #expect(await counted.submissions.count == 6)
            #expect(try await temporary.store.coevalArtifacts(ofRun: outcome.runID).responses.count == 2)
        }
    }

    /// A run interrupted right after its first batch was submitted (the stub holds batches in
    /// progress); `body` gets the stub, the clients, the store, the fixture and the first outcome.
    func afterSubmitInterrupted(
        _ body: (BatchVendorStub, HTTPClients, TemporaryStore, CoEvalFixture, CoEvalOutcome) async throws -> Void
    ) async throws {
        let stub = BatchVendorStub(reply: coevalStubReply)
        await stub.hold()
        try await withBatchStub(stub) { server, clients in
            let temporary = try TemporaryStore()
            let fixture = batchedFixture(baseURL: server.baseURL)
            let first = try await fixture.runUntilSubmitted(temporary.store, clients: clients)
            try await body(stub, clients, temporary, fixture, first)
        }
    }

    @Test("an interrupt after submit leaves the batch stored; --continue polls it and never submits it again")
    func interruptThenContinue() async throws {
        try await afterSubmitInterrupted { stub, clients, temporary, fixture, first in
            #expect(first.status == .stopped)
            let stored = try await temporary.store.coevalBatches(ofRun: first.runID)
            #expect(stored.count == 1 && stored.first?.isPending == true && stored.first?.customIDs.count == 4)
            await stub.release()
            let second = try await fixture.runBatched(temporary.store, clients: clients, continuing: first.runID)
            #expect(second.status == .completed)
            #expect(await stub.createdBatches == 2)
            #expect(await stub.submissions.values.allSatisfy { $0 == 1 })
        }
    }

    @Test("fetchBatches applies an ended batch to its phase without submitting or calling anything")
    func fetchBatches() async throws {
        try await afterSubmitInterrupted { stub, clients, temporary, fixture, first in
            await stub.release()
            var runner = try fixture.batchedRunner(temporary.store, clients: clients)
            runner.models = [:]
            // Each fetch polls once; the stub's batch moves one status a poll, as a vendor's does over time.
            var batches: [CoEvalBatch] = []
            for _ in 1...4 where batches.first?.isPending != false { batches = try await runner.fetchBatches(first.runID) }
            #expect(batches.map(\.status) == [CoEvalBatch.applied])
            #expect(try await temporary.store.coevalArtifacts(ofRun: first.runID).responses.count == 4)
            #expect(await stub.createdBatches == 1)
        }
    }

    @Test("teachers' items (phase 3) can be batched too, and phases 4-5 build on them")
    func batchedItems() async throws {
        let stub = BatchVendorStub(reply: coevalStubReply)
        try await withBatchStub(stub) { server, clients in
            let temporary = try TemporaryStore()
            var fixture = batchedFixture(baseURL: server.baseURL)
            let index = try #require(fixture.config.models.firstIndex { $0.name == "teacher1" })
            fixture.config.models[index].baseURL = server.baseURL + "/v1"
            fixture.config.models[index].apiKey = "sk-test"
            fixture.config.models[index].price = batchTestPrice
            fixture.config.coeval?.batch = ["openai": CoEvalBatchPhases(dataGeneration: true, responseCollection: true)]
            let outcome = try await fixture.runBatched(temporary.store, clients: clients)
            #expect(outcome.status == .completed)
            #expect(fixture.models["teacher1"]?.totalCalls == 0)
            #expect(await stub.createdBatches == 3)
            let spending = try await temporary.store.coevalSpending(ofRun: outcome.runID)
            #expect(spending["teacher1"]?.calls == 4 && spending["teacher1"]?.cost == USD(batchCallCost.amount * 4))
            #expect(try await temporary.store.coevalArtifacts(ofRun: outcome.runID).items.allSatisfy { $0.prompt == "Question by stub" })
        }
    }

    @Test("a batch that failed as a whole leaves every unit a gap with the vendor's reason")
    func failedBatchIsGaps() async throws {
        let stub = BatchVendorStub(failBatches: true, reply: coevalStubReply)
        try await withBatchStub(stub) { server, clients in
            let temporary = try TemporaryStore()
            let fixture = batchedFixture(baseURL: server.baseURL)
            let outcome = try await fixture.runBatched(temporary.store, clients: clients)
            #expect(outcome.status == .stopped)
            let rejections = try await temporary.store.coevalRejections(ofRun: outcome.runID)
            #expect(rejections.count == 4)
            #expect(rejections.allSatisfy { $0.kind == .failed && $0.reason.contains("ended failed") && $0.reason.contains("not available for batch") })
        }
    }

    @Test("QUORUM_BATCH_POLL_SECONDS sets the poll interval; 30 seconds otherwise")
    func pollInterval() {
        #expect(BatchSettings.pollInterval(environment: ["QUORUM_BATCH_POLL_SECONDS": "0.25"]) == .milliseconds(250))
        #expect(BatchSettings.pollInterval(environment: ["QUORUM_BATCH_POLL_SECONDS": "soon"]) == .seconds(30))
        #expect(BatchSettings.pollInterval(environment: [:]) == .seconds(30))
    }

    @Test("the plan prices batched calls at half the list price")
    func planHalvesBatchedCalls() throws {
        let batched = batchedFixture(baseURL: "http://127.0.0.1:9")
        var live = batched
        live.config.coeval?.batch = nil
        for index in live.config.models.indices { live.config.models[index].batch = nil }
        let withBatch = CoEvalPlanner(setup: try CoEvalSetup(config: batched.config)).plan()
        let without = CoEvalPlanner(setup: try CoEvalSetup(config: live.config)).plan()
        for name in ["student1", "judge1"] {
            let cheap = try #require(withBatch.models.first { $0.model == name })
            let full = try #require(without.models.first { $0.model == name })
            #expect(cheap.cost.amount * 2 == full.cost.amount && full.cost > .zero, "\(name)")
        }
        #expect(withBatch.assumptions.contains { $0.contains("50%") })
    }
}
