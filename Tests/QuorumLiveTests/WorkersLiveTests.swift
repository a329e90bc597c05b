import Foundation
import NIOHTTP1
import QuorumCore
import QuorumTesting
import Testing

@testable import QuorumStore

/// `quorum worker` processes sharing one run on a real PostgreSQL, in front of a stub vendor that
/// answers after 50 ms and throws 429s and 500s in between: a worker killed with SIGKILL mid-run,
/// a budget shared by three workers, and a worker stopped by SIGTERM.
@Suite("Workers on PostgreSQL (live)", .serialized, .enabled(if: LiveEnvironment.isEnabled))
struct WorkersLiveTests {
    static let answer = #"{"id":"x","object":"chat.completion","choices":[{"index":0,"message":{"role":"assistant","content":"42"},"finish_reason":"stop"}],"usage":{"prompt_tokens":10,"completion_tokens":2}}"#
    /// 10 input tokens at $1/M and 2 output tokens at $2/M.
    static let callCost = USD(string: "0.000014")!

    /// Faults sprinkled over the first 60 responses, then answers; every answer takes 50 ms.
    static var responses: [StubResponse] {
        let ok = StubResponse.json(answer, headDelay: .milliseconds(50))
        let limited = StubResponse.json(#"{"error":{"message":"slow down","type":"rate_limit_error"}}"#, status: .tooManyRequests, headers: [("retry-after", "0")])
        let broken = StubResponse.json(#"{"error":{"message":"boom","type":"server_error"}}"#, status: .internalServerError)
        return (0..<60).map { $0 % 7 == 3 ? limited : $0 % 11 == 5 ? broken : ok } + [ok]
    }

    struct Setup {
        var folder: URL
        var config: String
        var store: PostgresRunStore
    }

    /// A config of one stub model and `items` arithmetic questions, stored in `postgres`.
    static func setup(_ postgres: PostgresServerProcess, upstream: String, items: Int, budget: String? = nil) async throws -> Setup {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("quorum-workers-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let lines = (0..<items).map { #"{"id":"q\#($0)","prompt":"What is 6*7? (\#($0))","answer":"42"}"# }
        try lines.joined(separator: "\n").write(to: folder.appendingPathComponent("data.jsonl"), atomically: true, encoding: .utf8)
        let config = folder.appendingPathComponent("workers.yaml")
        try """
            models:
              - {name: stub, provider: openai, base_url: "\(upstream)/v1", model: stub, retries: 4, price: {input: 1.0, output: 2.0}}
            systems:
              - {name: single, type: single, model: stub}
            dataset: {path: data.jsonl}
            experiment:
              name: workers
              systems: [single]
              scoring: {verifier: auto}
            \(budget.map { "  budget_usd: \($0)" } ?? "")
              store: "\(postgres.url)"
            """.write(to: config, atomically: true, encoding: .utf8)
        return Setup(folder: folder, config: config.path, store: try await PostgresRunStore.open(postgres.url))
    }

    /// Starts `quorum ARGUMENTS` clean (its own process group), its output discarded. It is awaited
    /// with `ChildProcess.wait(deadline:)`, never a blocking wait: it talks to the stub vendor that runs
    /// in this test process, which needs a free thread to answer it.
    static func quorum(_ arguments: [String]) throws -> ChildProcess {
        let binary = LiveEnvironment.repositoryRoot.appendingPathComponent(".build/debug/quorum").path
        return try ChildProcess.spawn(ChildCommand([binary] + arguments, environment: ProcessInfo.processInfo.environment))
    }

    /// Creates the run with `--enqueue-only` and returns its id.
    static func enqueue(_ setup: Setup) async throws -> String {
        let process = try quorum(["run", setup.config, "--enqueue-only"])
        #expect(try await process.wait(deadline: .seconds(600)) == .exited(0))
        return try #require(try await setup.store.runs().first?.id)
    }

    static func finish(_ processes: [ChildProcess]) async throws -> [ChildProcess.Termination] {
        var endings: [ChildProcess.Termination] = []
        for process in processes { endings.append(try await process.wait(deadline: .seconds(600))) }
        return endings
    }

    static func workers(_ count: Int, _ setup: Setup, run: String) throws -> [ChildProcess] {
        try (0..<count).map { _ in
            try quorum(["worker", setup.config, "--run", run, "--concurrency", "4", "--lease", "2"])
        }
    }

    static func answered(_ store: PostgresRunStore, run: String) async throws -> Int {
        try await store.queueState(ofRun: run).answered
    }

    @Test("3 workers, one killed with SIGKILL mid-run: every item answered, duplicates within its calls in flight, cost summed once")
    func killedWorker() async throws {
        try await PostgresServerProcess.with { postgres in
            try await StubServer.run(Self.responses) { upstream in
                let setup = try await Self.setup(postgres, upstream: upstream.baseURL, items: 240)
                defer { try? FileManager.default.removeItem(at: setup.folder) }
                let run = try await Self.enqueue(setup)
                let processes = try Self.workers(3, setup, run: run)
                while try await Self.answered(setup.store, run: run) < 40 { try await Task.sleep(for: .milliseconds(50)) }
                kill(processes[1].pid, SIGKILL)
                let endings = try await Self.finish(processes)
                #expect(endings == [.exited(0), .signalled(SIGKILL), .exited(0)])

                let items = try await setup.store.items(ofRun: run)
                #expect(items.count == 240 && items.allSatisfy { $0.status == .answered && $0.passed == true })
                #expect(try await setup.store.run(run)?.status == .completed)
                let spending = try await setup.store.spending(ofRun: run)
                #expect(spending.callsByModel == ["stub": 240])
                #expect(spending.spent == USD(Self.callCost.amount * 240))
                // Answers paid for: every 200 the stub sent. The killed worker had at most 4 calls in flight.
                let paid = await upstream.requests().count - Self.responses.prefix(60).count { $0.status != .ok }
                #expect(paid >= 240 && paid <= 240 + 4)
                let workers = try await setup.store.workers(ofRun: run)
                #expect(workers.count == 3 && workers.count { $0.state == .finished } == 2)
            }
        }
    }

    @Test("a budget shared by 3 workers is exceeded by no more than their calls in flight, and the rest is held back")
    func sharedBudget() async throws {
        try await PostgresServerProcess.with { postgres in
            try await StubServer.run(Self.responses) { upstream in
                // 50 calls' worth; 3 workers × 4 slots may overshoot by 12 calls at most.
                let budget = USD(Self.callCost.amount * 50)
                let setup = try await Self.setup(postgres, upstream: upstream.baseURL, items: 200, budget: budget.exactString)
                defer { try? FileManager.default.removeItem(at: setup.folder) }
                let run = try await Self.enqueue(setup)
                let processes = try Self.workers(3, setup, run: run)
                #expect(try await Self.finish(processes) == Array(repeating: .exited(0), count: 3))
                let spending = try await setup.store.spending(ofRun: run)
                #expect(spending.spent >= budget)
                #expect(spending.spent <= USD(budget.amount + Self.callCost.amount * 12))
                let state = try await setup.store.queueState(ofRun: run)
                #expect(state.answered == spending.callsByModel["stub"])
                #expect(state.heldBack == 200 - state.answered && state.isDrained)
                #expect(try await setup.store.run(run)?.status == .stopped)
                // Every worker saw the one ledger: no worker kept answering on its own view of the budget.
                #expect(try await setup.store.workers(ofRun: run).allSatisfy { $0.state == .finished })
            }
        }
    }

    @Test("SIGTERM stops a worker cleanly: the pairs in flight are saved, its leases given back, another worker finishes")
    func terminatedWorker() async throws {
        try await PostgresServerProcess.with { postgres in
            try await StubServer.run(Self.responses) { upstream in
                let setup = try await Self.setup(postgres, upstream: upstream.baseURL, items: 120)
                defer { try? FileManager.default.removeItem(at: setup.folder) }
                let run = try await Self.enqueue(setup)
                let first = try Self.workers(1, setup, run: run)[0]
                while try await Self.answered(setup.store, run: run) < 20 { try await Task.sleep(for: .milliseconds(50)) }
                kill(first.pid, SIGTERM)
                #expect(try await first.wait(deadline: .seconds(600)) == .exited(2))
                let state = try await setup.store.queueState(ofRun: run)
                #expect(state.leased == 0 && state.expired == 0 && state.answered >= 20 && state.claimable == 120 - state.answered)
                #expect(try await setup.store.workers(ofRun: run).first?.state == .stopped)
                let second = try Self.workers(1, setup, run: run)[0]
                #expect(try await second.wait(deadline: .seconds(600)) == .exited(0))
                #expect(try await setup.store.queueState(ofRun: run).answered == 120)
                #expect(try await setup.store.spending(ofRun: run).callsByModel == ["stub": 120])
            }
        }
    }
}
