import Foundation
import QuorumCore
import QuorumStore
import QuorumTesting
import Testing

/// `quorum run` with `batch: true` as a user runs it, against the OpenAI batch stub: `kill -9`
/// between submit and results loses nothing, `--continue` finishes at half price, and no request
/// is submitted twice.
@Suite("quorum run: batch across processes", .enabled(if: quorumExecutable != nil, "needs swift build first"))
struct RunBatchProcessTests {
    @Test("kill -9 after the batch is stored, then --continue: completes at half price, each request submitted once")
    func killThenContinue() async throws {
        let stub = BatchVendorStub(reply: RunBatchTests.reply)
        await stub.hold()
        try await StubServer.run(responder: { await stub.respond($0) }) { server in
            let folder = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("quorum-run-batch-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            try """
                models:
                  - {name: m, provider: openai, model: gpt-m, base_url: "\(server.baseURL)/v1", api_key: "${OPENAI_API_KEY}", batch: true, price: {input: 2, output: 4}}
                systems:
                  - {name: single, type: single, model: m}
                dataset: {path: items.jsonl}
                experiment: {name: batched, systems: [single], scoring: {verifier: auto}}
                """.write(to: folder.appendingPathComponent("run.yaml"), atomically: true, encoding: .utf8)
            try (0..<3).map { #"{"id": "q\#($0)", "prompt": "What is \#($0) doubled?", "reference": "\#(2 * $0)"}"# }
                .joined(separator: "\n").write(to: folder.appendingPathComponent("items.jsonl"), atomically: true, encoding: .utf8)
            let log = folder.appendingPathComponent("quorum.log")
            let store = folder.appendingPathComponent("runs.db").path
            func quorum(_ arguments: [String]) throws -> ChildProcess {
                try ChildProcess.spawn(ChildCommand(
                    [quorumExecutable!] + arguments + ["--store", store],
                    environment: [
                        "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin", "HOME": folder.path,
                        "QUORUM_HOME": folder.appendingPathComponent("home").path, "QUORUM_BATCH_POLL_SECONDS": "0.02",
                        "OPENAI_API_KEY": "sk-test-openai",
                    ],
                    directory: folder, output: .appending(to: log)))
            }

            let first = try quorum(["run", "run.yaml"])
            // The child polls only after the store has the batch.
            while await stub.polls == 0 {
                if let ended = first.poll() {
                    Issue.record("the run ended (\(ended)) before its batch was polled: \((try? String(contentsOf: log, encoding: .utf8)) ?? "")")
                    return
                }
                try await Task.sleep(for: .milliseconds(20))
            }
            first.signalGroup(SIGKILL)
            #expect(try await first.wait() == .signalled(SIGKILL))
            let runs = try SQLiteRunStore(path: store)
            let runID = try #require(try await runs.runs().first?.id)
            #expect(try await runs.runBatches(ofRun: runID).map(\.isPending) == [true])

            await stub.release()
            let resumed = try quorum(["run", "run.yaml", "--continue", runID])
            #expect(try await resumed.wait() == .exited(0), "\((try? String(contentsOf: log, encoding: .utf8)) ?? "")")
            let (created, submitted, live) = (await stub.createdBatches, await stub.submissions, await stub.liveCalls)
            #expect(created == 1 && live == 0)
            #expect(submitted.count == 3 && submitted.values.allSatisfy { $0 == 1 })
            let items = try await runs.items(ofRun: runID)
            let perCall = RunBatchTests.price.batch.cost(of: Usage(promptTokens: 10, completionTokens: 5))
            #expect(items.count == 3 && items.allSatisfy { $0.status == .answered && $0.passed == true && $0.answerCost == perCall })
            #expect(try await runs.run(runID)?.status == .completed)
        }
    }
}
