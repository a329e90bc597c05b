import Foundation
import QuorumCore
@testable import QuorumCoEval
import QuorumStore
import QuorumTesting
import Testing

/// The real `quorum` binary against the stub vendors: `kill -9` between submit and results loses
/// nothing, and no request is submitted twice.
@Suite("CoEval batch mode across processes", .enabled(if: coevalQuorumBinary != nil, "needs swift build first"))
struct CoEvalBatchCrashTests {
    /// Waits, without blocking a thread, until the stub has stored-and-polled a batch (the child
    /// polls only after the store has the batch) or the child has ended on its own.
    private func waitForPolledBatch(_ stub: BatchVendorStub, child: ChildProcess) async throws {
        while await stub.polls == 0 {
            if let ended = child.poll() {
                Issue.record("the run ended (\(ended)) before its batch was polled")
                return
            }
            try await Task.sleep(for: .milliseconds(20))
        }
    }

    /// Starts `quorum coeval run` against a batch stub that holds its batches, kills it with SIGKILL
    /// once its first batch is stored and polled, releases the stub and hands both to `body`.
    private func killedAfterFirstPoll(_ body: (BatchVendorStub, CoEvalProcessFolder) async throws -> Void) async throws {
        let stub = BatchVendorStub(reply: coevalStubReply)
        await stub.hold()
        try await StubServer.run(responder: { await stub.respond($0) }) { server in
            let folder = try CoEvalProcessFolder(baseURL: server.baseURL)
            defer { folder.remove() }
            let run = try folder.spawn(["coeval", "run", folder.config.path, "--store", folder.store])
            try await waitForPolledBatch(stub, child: run)
            run.signalGroup(SIGKILL)
            #expect(try await run.wait() == .signalled(SIGKILL))
            try await body(stub, folder)
        }
    }

    @Test("kill -9 between submit and results, then --continue: completes at half price, no request submitted twice")
    func killThenContinue() async throws {
        try await killedAfterFirstPoll { stub, folder in
            #expect(await stub.createdBatches == 1)
            let runID = try folder.runID()
            await stub.release()
            let resumed = try folder.spawn(["coeval", "run", folder.config.path, "--continue", runID, "--store", folder.store])
            let ended = try await resumed.wait()
            #expect(ended == .exited(0), "\((try? String(contentsOf: folder.log, encoding: .utf8)) ?? "")")
            // One batch per phase; 3 responses and 3 × 2 grades, each submitted exactly once.
            #expect(await stub.createdBatches == 2)
            #expect(await stub.submissions.count == 9)
            #expect(await stub.submissions.values.allSatisfy { $0 == 1 })
            let store = try SQLiteRunStore(path: folder.store)
            let spending = try await store.coevalSpending(ofRun: runID)
            #expect(spending["student1"]?.cost == USD(batchCallCost.amount * 3))
            #expect(spending["judge1"]?.cost == USD(batchCallCost.amount * 6))
            // The teacher's live calls cost the list price: 3 × $0.00006.
            #expect(spending["teacher1"]?.cost == USD(batchCallCost.amount * 6))
            #expect(try await store.run(runID)?.status == .completed)
        }
    }

    @Test("status --fetch-batches picks up a killed run's batch and applies it to its phase")
    func fetchBatchesCommand() async throws {
        try await killedAfterFirstPoll { stub, folder in
            let runID = try folder.runID()
            await stub.release()
            let store = try SQLiteRunStore(path: folder.store)
            let before = try folder.spawn(["coeval", "status", runID, "--store", folder.store])
            #expect(try await before.wait() == .exited(0))
            #expect(try String(contentsOf: folder.log, encoding: .utf8).contains("1 batch(es) pending"))
            // Each invocation polls once; the stub's batch moves one status a poll.
            for _ in 1...4 where try await store.coevalBatches(ofRun: runID).first?.isPending != false {
                let status = try folder.spawn(["coeval", "status", runID, "--fetch-batches", "--store", folder.store])
                #expect(try await status.wait() == .exited(0))
            }
            #expect(try await store.coevalBatches(ofRun: runID).map(\.status) == [CoEvalBatch.applied])
            #expect(try await store.coevalArtifacts(ofRun: runID).responses.count == 3)
            #expect(await stub.createdBatches == 1)
        }
    }
}
