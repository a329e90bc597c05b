import AsyncHTTPClient
import Foundation
import Logging
import QuorumCore
import QuorumEvaluation
import QuorumOrchestration
import QuorumProviders
import QuorumRuntime
import QuorumStore
import Synchronization
import Testing

/// `quorum run`'s library path against the real local runtime (SmolLM2-135M). Runs only with `QUORUM_LIVE=1`.
///
/// Keeps its own PID directory and ports, so it never touches servers a user started, and stops them at the end.
@Suite("Experiment runs (live)", .serialized, .enabled(if: ProcessInfo.processInfo.environment["QUORUM_LIVE"] == "1"))
struct EvaluationLiveTests {
    static let yaml = """
        models:
          - name: tiny
            provider: local
            model: smollm2-135m
            price: {input: 0.02, output: 0.04}
            parameters: {max_tokens: 24, temperature: 0}
        systems:
          - {name: solo, type: single, model: tiny}
        dataset: {path: "builtin:quick-qa", limit: 6}
        experiment: {name: live, scoring: {verifier: auto}, concurrency: 2}
        """

    @Test("a run stopped after two items and continued answers all six, each upstream call made once")
    func stopAndContinueAgainstLlamaCpp() async throws {
        try await LiveLocalSession.run(label: "live-eval", portBase: 18_650) { session in
            let loaded = ConfigLoader().load(yaml: Self.yaml, file: "live.yaml", directory: session.folder)
            let config = try #require(loaded.config)
            try await stopAndContinue(
                config: config, folder: session.folder, runtime: session.runtime, httpClient: session.httpClient, logger: session.logger)
        }
    }

    func stopAndContinue(
        config: QuorumConfig, folder: URL, runtime: LocalRuntime, httpClient: HTTPClient, logger: Logger
    ) async throws {
        let assembly = try await Assembly.assemble(config, for: ["solo"], clients: HTTPClients(shared: httpClient), runtime: runtime, logger: logger)
        let counted = CallCounter(base: try #require(assembly.models["tiny"]))
        let models: [String: any ChatModel] = ["tiny": counted]
        let system = try #require(SystemFactory(config: config, models: models).makeCatalog().systems["solo"])
        let store = try SQLiteRunStore(path: folder.appendingPathComponent("runs.db").path)
        let launcher = RunLauncher(config: config, store: store)
        let prepared = try await launcher.prepare(RunRequest(), scoring: "verifier:auto")
        let scorer = try ScoringFactory.scorer(for: config, judges: [:])

        let stop = StopSignal()
        counted.onCall = { count in if count == 2 { stop.request() } }
        let runner = ExperimentRunner(store: store, models: models, scorer: scorer, concurrency: 1, logger: logger)
        let first = try await runner.run(prepared.run.id, items: prepared.items, systems: [system], stop: stop)
        #expect(first.status == .stopped)
        #expect(first.answered == 2)

        counted.onCall = { _ in }
        let continued = try await launcher.prepare(RunRequest(continueRunID: prepared.run.id), scoring: "verifier:auto")
        let second = try await runner.run(continued.run.id, items: continued.items, systems: [system])
        _ = try? await runtime.stop(models: ["smollm2-135m"])
        #expect(second.status == .completed)
        #expect(second.answered == 6)
        #expect(counted.callsByPrompt.count == 6)
        #expect(counted.callsByPrompt.values.allSatisfy { $0 == 1 })
        let items = try await store.items(ofRun: prepared.run.id)
        #expect(items.allSatisfy { $0.answerCost > .zero && $0.answer?.isEmpty == false })
    }
}

/// Passes calls through to a real model, counting them per prompt.
final class CallCounter: ChatModel {
    let base: any ChatModel
    private let state = Mutex<(calls: [String: Int], onCall: @Sendable (Int) -> Void)>(([:], { _ in }))

    init(base: any ChatModel) { self.base = base }

    var name: String { base.name }
    var callsByPrompt: [String: Int] { state.withLock { $0.calls } }
    var onCall: @Sendable (Int) -> Void {
        get { state.withLock { $0.onCall } }
        set { state.withLock { $0.onCall = newValue } }
    }

    func complete(_ request: ChatRequest) async throws -> Completion {
        let completion = try await base.complete(request)
        let (count, hook) = state.withLock { state in
            state.calls[request.messages.last?.content ?? "", default: 0] += 1
            return (state.calls.values.reduce(0, +), state.onCall)
        }
        hook(count)
        return completion
    }
}
