import Foundation
import QuorumCore
import QuorumEvaluation
import QuorumOrchestration
import QuorumProviders
import QuorumRuntime
import QuorumStore
import Testing

/// A learned router end to end on the real local runtime: both models answer a few items alone (the
/// calibration observation), the router is trained on real embeddings from SmolLM2's embedding
/// server, saved, loaded by the factory, and answers new items calling only the model it picks.
/// Runs only with `QUORUM_LIVE=1`.
@Suite("Learned router (live)", .serialized, .enabled(if: ProcessInfo.processInfo.environment["QUORUM_LIVE"] == "1"))
struct RouterLiveTests {
    static let yaml = """
        models:
          - {name: tiny, provider: local, model: smollm2-135m, price: {input: 0.0135, output: 0.027}, parameters: {max_tokens: 16, temperature: 0}}
          - {name: small, provider: local, model: qwen2.5-coder-0.5b, price: {input: 0.05, output: 0.10}, parameters: {max_tokens: 16, temperature: 0}}
        systems:
          - {name: routed, type: router, strategy: learned, models: [tiny, small], embeddings: tiny, router: router.json, threshold: 0.5}
        dataset: {path: "builtin:quick-qa", limit: 12}
        experiment: {name: live-router, scoring: {verifier: auto}, concurrency: 2}
        """

    @Test("observes, trains on real embeddings, saves, loads and routes; the embedding call is paid for and traced")
    func trainAndRoute() async throws {
        try await LiveLocalSession.run(label: "live-router", portBase: 18_870) { session in
            let loaded = ConfigLoader().load(yaml: Self.yaml, file: "live.yaml", directory: session.folder)
            var config = try #require(loaded.config)
            config.sourcePath = session.folder.appendingPathComponent("live.yaml").path
            let clients = HTTPClients(shared: session.httpClient)
            let plan = try CalibrationPlan(config: config, system: "routed")
            let observed = plan.observationConfig
            let store = try SQLiteRunStore(path: session.folder.appendingPathComponent("runs.db").path)

            // Every model answers every item alone: what `quorum calibrate` runs.
            let assembly = try await Assembly.assemble(
                observed, for: plan.levelSystems, clients: clients, runtime: session.runtime, logger: session.logger)
            let systems = plan.levelSystems.compactMap { assembly.catalog.systems[$0] }
            let launcher = RunLauncher(config: observed, store: store)
            let prepared = try await launcher.prepare(RunRequest(systems: plan.levelSystems, limit: 12), scoring: "verifier:auto")
            let runner = ExperimentRunner(
                store: store, models: assembly.models, scorer: try ScoringFactory.scorer(for: observed, judges: [:]),
                concurrency: 2, logger: session.logger)
            _ = try await runner.run(prepared.run.id, items: prepared.items, systems: systems)
            let records = try await store.items(ofRun: prepared.run.id)

            let factory = ModelFactory(clients: clients, logger: session.logger)
            let embedder = try await Assembly.embeddingModel(named: "tiny", in: config, factory: factory, runtime: session.runtime)
            let training = RouterTraining(models: plan.levels)
            let observations = try training.observations(from: records)
            #expect(observations.count == 12)
            let (router, overheads) = try await training.train(observations, embedder: embedder, runs: [prepared.run.id], k: 3)
            #expect(overheads.allSatisfy { $0 > 0 }, "the embedding server reports tokens, charged at tiny's input price")
            #expect(Set(router.examples.map(\.vector.count)).count == 1)
            guard case .learnedRouter(let file, _, _) = plan.signal else { Issue.record("not a router plan"); return }
            try router.save(to: file)
            let ladder = RouterTraining.ladder(trainedOn: try RouterModel.load(from: file), records: records)
            #expect(ladder.count == 12)
            #expect(ladder.allSatisfy { $0.levels.allSatisfy { ($0.signal ?? -1) >= 0 && ($0.signal ?? 2) <= 1 } })

            // The config's router, built by the factory from the saved file, answers as a system.
            let served = try await Assembly.assemble(
                config, for: ["routed"], clients: clients, runtime: session.runtime, logger: session.logger)
            let system = try #require(served.catalog.systems["routed"] as? LearnedRouterSystem)
            let answer = try await system.answer(
                Question(id: "new", prompt: "What is 12 plus 30? Answer with just the number."), in: RunContext(models: served.models))
            #expect(!answer.text.isEmpty)
            #expect((1...2).contains(answer.level))
            let calls = answer.trace.calls
            #expect(calls.count == 2, "one embedding call and one answer from the picked model")
            #expect(calls.first?.model == "tiny" && (calls.first?.cost ?? .zero) > .zero)
            #expect(answer.trace.note?.contains("router: learned p(tiny)=") == true)
        }
    }
}
