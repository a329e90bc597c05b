import QuorumCore
import QuorumOrchestration

/// What `quorum calibrate` runs for one cascade: each level alone on every item, asked for the
/// logprobs its gate reads, as an ordinary stored run (resumable, never paid for twice).
public struct CalibrationPlan: Sendable {
    public var system: String
    /// The cascade's level models, cheapest first.
    public var levels: [String]
    public var rule: ConfidenceRule
    /// One `single` system per level, named `MODEL@level-N`.
    public var levelSystems: [String]
    /// The user's config with only those systems, the experiment renamed `calibrate A → B`: named by
    /// the ladder, not the cascade, so every cascade over the same models shares one paid-for run.
    public var observationConfig: QuorumConfig

    /// Plans calibrating `system` of `config` on the dataset items whose `split` field is `split`
    /// (all items when `nil`).
    public init(config: QuorumConfig, system: String, split: String? = nil) throws {
        guard let cascade = config.system(named: system) else {
            let cascades = config.systems.filter { $0.type == "cascade" }.map(\.name).joined(separator: ", ")
            throw QuorumError(.configuration, "no system '\(system)' in the config; its cascades: \(cascades.isEmpty ? "none" : cascades)")
        }
        guard cascade.type == "cascade" else {
            throw QuorumError(.configuration, "'\(system)' is a \(cascade.type) system; calibrate fits a cascade's gate")
        }
        guard let confidence = cascade.gate?.confidence else {
            throw QuorumError(
                .configuration,
                "'\(system)' is gated by \(cascade.gate.map(Self.describe) ?? "nothing"); calibrate fits a confidence gate "
                    + "(gate: {confidence: {signal: mean, threshold: -0.3}}), whose signal costs no call to read")
        }
        guard let signal = ConfidenceRule.Signal(rawValue: confidence.signal) else {
            throw QuorumError(.configuration, "'\(system)': unknown confidence signal '\(confidence.signal)'")
        }
        let levels = try (cascade.levels ?? []).map { level -> String in
            guard case .model(let name) = level, config.model(named: name) != nil else {
                throw QuorumError(.configuration, "'\(system)': calibrate needs every level to be a configured model")
            }
            return name
        }
        guard levels.count >= 2 else { throw QuorumError(.configuration, "'\(system)' needs at least 2 levels to calibrate") }
        guard config.experiment?.scoring != nil else {
            throw QuorumError(
                .configuration, "calibrating needs to know which answers are right: add experiment.scoring (verifier: auto, or a judge)")
        }
        self.system = system
        self.levels = levels
        self.rule = ConfidenceRule(signal: signal, q: confidence.q ?? 0.1, threshold: confidence.threshold)
        let wanted = Gate.confidence(rule).logprobsWanted ?? 0
        levelSystems = levels.enumerated().map { "\($1)@level-\($0 + 1)" }
        var observed = config
        observed.systems = zip(levelSystems, levels).map { name, model in
            var single = SystemConfig(name: name, type: "single")
            single.model = model
            var parameters = cascade.parameters ?? GenerationParameters()
            parameters.logprobs = wanted
            single.parameters = parameters
            return single
        }
        observed.experiment?.name = "calibrate " + levels.joined(separator: " → ")
        observed.experiment?.systems = levelSystems
        observed.experiment?.baseline = levelSystems.last
        if let split, var dataset = observed.dataset {
            dataset.filter = (dataset.filter ?? [:]).merging(["split": split]) { $1 }
            observed.dataset = dataset
        }
        observationConfig = observed
    }

    /// Each item's levels, read from the run's stored records. Items some level has not answered
    /// (failed, pending) are left out and counted.
    public func ladder(from records: [ItemRecord]) -> (items: [LadderItem], incomplete: Int) {
        let bySystem = Dictionary(grouping: records, by: \.system)
        let perLevel = levelSystems.map { name in
            Dictionary((bySystem[name] ?? []).map { ($0.itemID, $0) }, uniquingKeysWith: { first, _ in first })
        }
        let order = (bySystem[levelSystems[0]] ?? []).sorted { $0.position < $1.position }
        var items: [LadderItem] = []
        var incomplete = 0
        for first in order {
            let outcomes = perLevel.compactMap { $0[first.itemID] }.compactMap(outcome)
            guard outcomes.count == levels.count else {
                incomplete += 1
                continue
            }
            items.append(LadderItem(id: first.itemID, levels: outcomes))
        }
        return (items, incomplete)
    }

    /// A scored answer's outcome, its signal read from the answering call's logprobs.
    func outcome(_ record: ItemRecord) -> LevelOutcome? {
        guard record.status == .answered, let correct = record.passed ?? record.score.map({ $0 >= 0.5 }) else { return nil }
        let call = record.trace?.calls.last { $0.role == .answer }
        return LevelOutcome(
            correct: correct, cost: record.answerCost.doubleValue, signal: call?.logprobs.flatMap(rule.value(of:)))
    }

    static func describe(_ gate: GateConfig) -> String {
        if let judge = gate.judge { return "judge \(judge)" }
        if let verifier = gate.verifier { return "verifier \(verifier)" }
        if gate.agreement != nil { return "agreement" }
        return gate.all != nil ? "all(…)" : "any(…)"
    }
}

extension CalibrationPlan {
    /// The stored run that observed exactly this plan before (same systems, models, prices, dataset),
    /// to continue instead of paying again; the newest when there are several.
    public func existingRun(in store: any RunStore) async throws -> RunRecord? {
        let snapshot = ConfigSnapshot.json(of: observationConfig)
        return try await store.runs().filter { $0.name == observationConfig.experiment?.name && $0.configSnapshot == snapshot }
            .max { $0.createdAt < $1.createdAt }
    }
}
