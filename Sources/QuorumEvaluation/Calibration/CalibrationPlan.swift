import QuorumCore
import QuorumOrchestration
import QuorumStore

/// What `quorum calibrate` runs for a confidence-gated cascade or a learned router: each level (model)
/// alone on every item, asked for token logprobs, as an ordinary stored run (resumable, never paid
/// for twice). The same observation serves every cascade and router over the same models.
public struct CalibrationPlan: Sendable {
    /// The signal whose threshold is fitted.
    public enum Signal: Sendable {
        /// A cascade's confidence gate, read from each level's own logprobs.
        case confidence(ConfidenceRule)
        /// A learned router's predicted chance of being right, from its file (path resolved) and
        /// the embeddings model it reads prompts with; `gate`, when the picked model's answer must
        /// also pass a confidence gate (else it escalates).
        case learnedRouter(file: String, embeddings: String, gate: ConfidenceRule?)
    }

    public var system: String
    /// The models, cheapest first.
    public var levels: [String]
    public var signal: Signal
    /// One `single` system per level, named `MODEL@level-N`.
    public var levelSystems: [String]
    /// The user's config with only those systems, the experiment renamed `calibrate A → B`: named by
    /// the ladder, not the system, so every cascade or router over the same models shares one paid-for run.
    public var observationConfig: QuorumConfig
    /// A learned router's `threshold:` (its default when the config gives none).
    var observationThreshold = LearnedRouterSystem.defaultThreshold

    /// A cascade pays for every level it tries; a router only for the one it picks.
    public var policy: LadderPolicy {
        switch signal {
        case .confidence: .cascade
        case .learnedRouter(_, _, let gate): gate.map { .gatedRouter(gate: $0.threshold) } ?? .router
        }
    }

    /// The confidence rule: a cascade's gate, or a gated router's.
    public var rule: ConfidenceRule? {
        switch signal {
        case .confidence(let rule): rule
        case .learnedRouter(_, _, let gate): gate
        }
    }

    /// The threshold the config holds now.
    public var configuredThreshold: Double {
        switch signal {
        case .confidence(let rule): rule.threshold
        case .learnedRouter: observationThreshold
        }
    }

    /// Where `--write` puts the fitted threshold, under the system's entry.
    public var thresholdKey: String {
        policy.routes ? "threshold" : "gate.confidence.threshold"
    }

    /// Plans calibrating `system` of `config` on the dataset items whose `split` field is `split`
    /// (all items when `nil`); `reading`, to fit a confidence gate on another signal than the config's.
    public init(config: QuorumConfig, system: String, split: String? = nil, reading: ConfidenceRule.Signal? = nil) throws {
        guard let entry = config.system(named: system) else {
            let candidates = config.systems.filter { $0.type == "cascade" || $0.strategy == "learned" }.map(\.name)
                .joined(separator: ", ")
            throw QuorumError(
                .configuration, "no system '\(system)' in the config; its cascades and learned routers: \(candidates.isEmpty ? "none" : candidates)")
        }
        let names: [String]
        switch (entry.type, entry.strategy) {
        case ("router", "learned"):
            names = entry.models ?? []
            guard let file = entry.router else { throw QuorumError(.configuration, "'\(system)' needs router: FILE") }
            observationThreshold = entry.threshold ?? LearnedRouterSystem.defaultThreshold
            signal = .learnedRouter(
                file: SystemFactory.resolve(file, besides: config.sourcePath), embeddings: entry.embeddings ?? names.first ?? "",
                gate: try entry.gate.map { try Self.confidenceRule(of: $0, system: system, reading: reading) })
        case ("cascade", _):
            names = (entry.levels ?? []).compactMap { if case .model(let name) = $0 { name } else { nil } }
            guard names.count == entry.levels?.count else {
                throw QuorumError(.configuration, "'\(system)': calibrate needs every level to be a configured model")
            }
            guard let gate = entry.gate else {
                throw QuorumError(.configuration, "'\(system)' has no gate; calibrate fits a confidence gate's threshold")
            }
            signal = .confidence(try Self.confidenceRule(of: gate, system: system, reading: reading))
        default:
            throw QuorumError(
                .configuration,
                "'\(system)' is a \(entry.type) system; calibrate fits a cascade's confidence gate or a learned router's threshold")
        }
        guard names.allSatisfy({ config.model(named: $0) != nil }) else {
            throw QuorumError(.configuration, "'\(system)': calibrate needs every level to be a configured model")
        }
        guard names.count >= 2 else { throw QuorumError(.configuration, "'\(system)' needs at least 2 levels to calibrate") }
        guard config.experiment?.scoring != nil else {
            throw QuorumError(
                .configuration, "calibrating needs to know which answers are right: add experiment.scoring (verifier: auto, or a judge)")
        }
        self.system = system
        self.levels = names
        levelSystems = names.enumerated().map { "\($1)@level-\($0 + 1)" }
        var observed = config
        observed.systems = zip(levelSystems, names).map { name, model in
            var single = SystemConfig(name: name, type: "single")
            single.model = model
            var parameters = entry.parameters ?? GenerationParameters()
            // Logprobs with every signal's alternatives are asked for whatever is calibrated: they cost
            // nothing, and one observation then compares every signal and serves a confidence cascade
            // and a router over the same models alike.
            parameters.logprobs = ConfidenceRule.Signal.allCases.map(\.alternativesWanted).max()
            single.parameters = parameters
            return single
        }
        observed.experiment?.name = "calibrate " + names.joined(separator: " → ")
        observed.experiment?.systems = levelSystems
        observed.experiment?.baseline = levelSystems.last
        if var dataset = observed.dataset {
            // The dataset's own `limit:` or `sample:` sizes runs (a quickstart's 40 test items); how many
            // items calibrate observes is `--limit`'s to say.
            dataset.limit = nil
            dataset.sample = nil
            if let split { dataset.filter = (dataset.filter ?? [:]).merging(["split": split]) { $1 } }
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
        guard let correct = record.correct else { return nil }
        return LevelOutcome(correct: correct, cost: record.answerCost.doubleValue, signal: confidence(of: record))
    }

    /// The confidence rule's value on a stored answer's logprobs (`nil` without a rule or logprobs).
    public func confidence(of record: ItemRecord) -> Double? {
        guard let rule, let call = record.trace?.calls.last(where: { $0.role == .answer }) else { return nil }
        return call.logprobs.flatMap(rule.value(of:))
    }

    /// The rule of a confidence gate (its signal replaced by `reading`); any other gate is an error
    /// saying what calibrate fits.
    static func confidenceRule(of gate: GateConfig, system: String, reading: ConfidenceRule.Signal? = nil) throws -> ConfidenceRule {
        guard let confidence = gate.confidence else {
            throw QuorumError(
                .configuration,
                "'\(system)' is gated by \(describe(gate)); calibrate fits a confidence gate "
                    + "(gate: {confidence: {signal: mean, threshold: -0.3}}), whose signal costs no call to read")
        }
        guard let signal = reading ?? ConfidenceRule.Signal(rawValue: confidence.signal) else {
            throw QuorumError(.configuration, "'\(system)': unknown confidence signal '\(confidence.signal)'")
        }
        return ConfidenceRule(signal: signal, q: confidence.q ?? 0.1, threshold: confidence.threshold)
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
