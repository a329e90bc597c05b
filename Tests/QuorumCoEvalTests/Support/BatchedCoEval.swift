import AsyncHTTPClient
import Foundation
import Logging
import QuorumCore
@testable import QuorumCoEval
import QuorumEvaluation
import QuorumProviders
import QuorumStore
import QuorumTesting
import Synchronization

/// $2 / $8 per million tokens; the stub answers with 10 prompt and 5 completion tokens, so one
/// call lists at $0.00006 and costs $0.00003 in a batch.
let batchTestPrice = Price(input: USD(string: "2")!, output: USD(string: "8")!)
let batchCallCost = USD(string: "0.00003")!

/// The stub's reply to a CoEval prompt: what the scripted models answer.
@Sendable func coevalStubReply(_ prompt: String) -> String {
    CoEvalScriptedModel.wellFormed(CoEvalScriptedModel.phase(of: prompt), prompt: prompt, model: "stub")
}

/// A CoEval fixture whose student (`openai`, batched by `coeval.batch`) and judge (`anthropic`,
/// `batch: true`) call a `BatchVendorStub` at `baseURL`; the teacher stays scripted and writes
/// items `Question 1`, `Question 2`, … 2 tasks × 2 items, per_factor with 2 criteria: phase 4
/// has 4 requests, phase 5 has 8.
func batchedFixture(baseURL: String) -> CoEvalFixture {
    var fixture = CoEvalFixture(teachers: 1, students: 1, judges: 1, total: 2, perFactor: true, autoAttributes: false, autoRubric: false)
    let counter = Mutex(0)
    fixture.replace("teacher1", with: CoEvalScriptedModel("teacher1") { phase, _, _ in
        guard phase == .dataGeneration else { return nil }
        let n = counter.withLock { value in
            value += 1
            return value
        }
        return #"{"prompt": "Question \#(n)", "reference_response": "Answer"}"#
    })
    for index in fixture.config.models.indices {
        var model = fixture.config.models[index]
        switch model.name {
        case "student1":
            (model.provider, model.baseURL) = ("openai", baseURL + "/v1")
        case "judge1":
            (model.provider, model.baseURL, model.batch) = ("anthropic", baseURL, true)
        default:
            continue
        }
        (model.apiKey, model.price) = ("sk-test", batchTestPrice)
        fixture.config.models[index] = model
    }
    fixture.config.coeval?.batch = ["openai": CoEvalBatchPhases(responseCollection: true)]
    return fixture
}

/// Runs `body` with a `BatchVendorStub` served on a `StubServer` and HTTP clients for batch clients.
func withBatchStub<T: Sendable>(
    _ stub: BatchVendorStub, _ body: (StubServer, HTTPClients) async throws -> T
) async throws -> T {
    let clients = HTTPClients(shared: HTTPClient(eventLoopGroupProvider: .singleton))
    return try await clients.closing {
        try await StubServer.run(responder: { await stub.respond($0) }) { server in try await body(server, clients) }
    }
}

extension CoEvalFixture {
    /// A runner whose batched models go to the stub, polling every millisecond; `progress` hears its lines.
    func batchedRunner(
        _ store: SQLiteRunStore, clients: HTTPClients, progress: (@Sendable (String) -> Void)? = nil
    ) throws -> CoEvalRunner {
        var runner = try runner(store)
        let factory = ModelFactory(clients: clients, logger: Logger(label: "test"), environment: [:])
        runner.batching = BatchSettings(
            clients: BatchSettings.clients(for: runner.setup, factory: factory), pollInterval: .milliseconds(1), progress: progress)
        return runner
    }

    /// Runs a new run until its first batch is submitted, then interrupts it (as a Ctrl-C would).
    func runUntilSubmitted(_ store: SQLiteRunStore, clients: HTTPClients) async throws -> CoEvalOutcome {
        let stop = StopSignal()
        return try await runBatched(store, clients: clients, stop: stop) { line in
            if line.contains("submitted") { _ = stop.request() }
        }
    }

    /// Prepares and runs (or continues) a run with batching; returns its outcome.
    func runBatched(
        _ store: SQLiteRunStore, clients: HTTPClients, continuing: String? = nil, stop: StopSignal = StopSignal(),
        progress: (@Sendable (String) -> Void)? = nil
    ) async throws -> CoEvalOutcome {
        let runner = try batchedRunner(store, clients: clients, progress: progress)
        let id = try await runner.prepare(continuing: continuing)
        return try await runner.run(id, isContinuation: continuing != nil, stop: stop, budget: config.coeval?.budgetUSD)
    }
}
