import ArgumentParser
import Foundation
import QuorumCore
import QuorumEvaluation
import QuorumOrchestration
import QuorumStore

/// `quorum router`: learned routers' files.
struct Router: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "router",
        abstract: "Train a learned router (type: router, strategy: learned) from stored runs.",
        subcommands: [RouterTrain.self])
}

/// `quorum router train CONFIG --system NAME [RUN…]`: which model answered each past item right,
/// plus the prompt's embedding, length and category, saved as the router's file.
struct RouterTrain: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train a learned router's file from runs where each of its models answered alone.",
        discussion: """
            The runs must have one system per router model answering alone: named as the model, or \
            MODEL@level-N as `quorum calibrate` names them (default: the newest calibrate run over the \
            router's models). Each item every model answered and that was scored (verifier or judge) \
            becomes an example. Prompts are embedded with the router's embeddings model; nothing is \
            answered again. To also fit the router's threshold, use `quorum calibrate --system NAME --write`.
            """)

    @Argument(help: "The YAML configuration that defines the router.")
    var config: String

    @Option(help: "The learned router (type: router, strategy: learned).")
    var system: String

    @Argument(help: "Runs to learn from (default: the newest calibrate run over the router's models).")
    var runs: [String] = []

    @Option(help: "Where to write the router (default: the system's router: file).")
    var out: String?

    @Option(help: "Neighbours consulted per prediction.")
    var k = 10

    @Option(help: "The run store (default: the config's store, else quorum.db here).")
    var store: String?

    func validate() throws {
        if k < 1 { throw ValidationError("--k must be at least 1") }
    }

    func run() async throws {
        let config = try loadConfig(self.config)
        let plan = try CalibrationPlan(config: config, system: system)
        guard case .learnedRouter(let file, let embeddings, _) = plan.signal else {
            throw QuorumError(.configuration, "'\(system)' is not a learned router (type: router, strategy: learned)")
        }
        let runStore = try await StoreLocation.resolve(flag: store, config: config).open()
        var ids = runs
        if ids.isEmpty {
            let name = plan.observationConfig.experiment?.name
            let candidates = try await runStore.runs().filter { $0.name == name }.sorted { $0.createdAt > $1.createdAt }
            guard let only = candidates.first else {
                throw QuorumError(
                    .configuration,
                    "no run named '\(name ?? "")' in the store to learn from; `quorum calibrate \(self.config) --system \(system)` makes one")
            }
            // Several observations (a calibration and a test split, say): guessing could train on the test items.
            guard candidates.count == 1 else {
                let listed = candidates.prefix(5).map { "\($0.id) (\(Self.split(of: $0)))" }.joined(separator: ", ")
                throw QuorumError(
                    .configuration, "\(candidates.count) runs named '\(name ?? "")' could be learned from: \(listed); name the run(s) to train on")
            }
            ids = [only.id]
        }
        var records: [ItemRecord] = []
        for id in ids {
            guard try await runStore.run(id) != nil else { throw QuorumError(.store, "no run '\(id)' in this store; `quorum runs` lists them") }
            records += try await runStore.items(ofRun: id)
        }
        let fitting = RouterFitting(
            config: config, models: plan.levels, embeddings: embeddings, confidence: { plan.confidence(of: $0) })
        let (router, ladder) = try await fitting.withEmbedder { embedder in
            try await fitting.train(on: records, runs: ids, embedder: embedder, k: k)
        }
        let path = out ?? file
        try router.save(to: path)
        let summary = LadderSummary(CalibrationResult.curve(plan.policy, ladder))
        let curve = LadderCurve(policy: plan.policy, items: ladder)
        print("trained \(system) on \(router.examples.count) items of run \(ids.joined(separator: ", ")): wrote \(path)")
        print(summary.renderedTable(weak: plan.levels.first ?? "", strong: plan.levels.last ?? ""))
        let point = curve.point(at: plan.configuredThreshold)
        print("at its threshold \(plan.configuredThreshold), left one out: \(CalibrationResult.describe(point, strong: plan.levels.last ?? ""))")
    }

    /// Which items a stored observation answered, from its config snapshot's dataset filter.
    static func split(of run: RunRecord) -> String {
        let config = try? JSONDecoder().decode(QuorumConfig.self, from: Data(run.configSnapshot.utf8))
        guard let filter = config?.dataset?.filter, !filter.isEmpty else { return "every item" }
        return filter.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ", ")
    }
}
