import QuorumCore

/// Builds the systems and judges of a validated configuration, over already-built models.
///
/// The configuration must have passed the validator (`ConfigLoader` validates what it loads, a
/// config built in code calls `QuorumConfig.validate()`, and `Assembly` validates for its callers):
/// names, ranges and required fields are not checked again here. What building can still meet —
/// a model missing from `models`, a learned router's file trained on other embeddings, a config
/// that skipped validation — throws a `QuorumError(.configuration)` naming the key; it never traps.
/// Wherever a model name is accepted a system name is too.
public struct SystemFactory: Sendable {
    public var config: QuorumConfig
    public var models: [String: any ChatModel]
    /// Embedding models by config name, for learned routers' prompt features.
    public var embedders: [String: any EmbeddingModel]

    public init(config: QuorumConfig, models: [String: any ChatModel], embedders: [String: any EmbeddingModel] = [:]) {
        self.config = config
        self.models = models
        self.embedders = embedders
    }

    /// Everything built: systems by name and judges by name.
    public struct Catalog: Sendable {
        public var systems: [String: any AnswerSystem]
        /// `score`, `rubric` and `verifier` judges.
        public var judges: [String: any Judge]
        public var pairwiseJudges: [String: PairwiseJudge]

        /// The system called `name`, or a `single` system over the model called `name`.
        public func system(named name: String, models: [String: any ChatModel]) -> (any AnswerSystem)? {
            if let system = systems[name] { return system }
            guard models[name] != nil else { return nil }
            return SingleSystem(name: name, responder: .model(name, GenerationParameters()))
        }
    }

    /// Builds every system and judge.
    /// - Throws: `QuorumError(.configuration)` for what a validated config cannot hold or a model not built.
    public func makeCatalog() throws -> Catalog {
        var state = BuildState(judges: try buildJudges(), pairwise: try buildPairwiseJudges())
        for system in config.systems { _ = try responder(system.name, parameters: nil, from: "systems", &state) }
        return Catalog(systems: state.built, judges: state.judges, pairwiseJudges: state.pairwise)
    }

    /// Builds every system by name.
    public func makeSystems() throws -> [String: any AnswerSystem] { try makeCatalog().systems }

    /// Builds every `score`, `rubric` and `verifier` judge by name.
    public func makeJudges() throws -> [String: any Judge] { try makeCatalog().judges }

    /// What building accumulates: the judges, the systems done, and the nesting path.
    struct BuildState {
        var judges: [String: any Judge]
        var pairwise: [String: PairwiseJudge]
        var built: [String: any AnswerSystem] = [:]
        /// Systems being built, outermost first: the validator rejects cycles, and this keeps an
        /// unvalidated config from recursing until the stack overflows.
        var building: [String] = []
    }

    /// The responder for a model or system `name`, building the system (and its dependencies) on demand.
    func responder(
        _ name: String, parameters: GenerationParameters?, from location: String, _ state: inout BuildState
    ) throws -> Responder {
        if let system = state.built[name] { return .system(system) }
        guard let systemConfig = config.system(named: name) else {
            return .model(try builtModel(name, at: location), parameters ?? GenerationParameters())
        }
        guard !state.building.contains(name) else {
            throw Self.unvalidated(location, "systems nest in a cycle: \((state.building + [name]).joined(separator: " → "))")
        }
        state.building.append(name)
        defer { state.building.removeLast() }
        let system = try makeSystem(systemConfig, &state)
        state.built[name] = system
        return .system(system)
    }

    func makeSystem(_ system: SystemConfig, _ state: inout BuildState) throws -> any AnswerSystem {
        let location = "systems.\(system.name)"
        let prompts = PromptSet(overrides: system.prompts ?? [:])
        switch system.kind {
        case .single:
            let model = try required(system.model, "model", at: location)
            return SingleSystem(
                name: system.name, responder: try responder(model, parameters: system.parameters, from: location + ".model", &state))
        case .cascade: return try makeCascade(system, prompts, location, &state)
        case .debate: return try makeDebate(system, prompts, location, &state)
        case .moa: return try makeMixture(system, prompts, location, &state)
        case .bestOfN: return try makeBestOfN(system, location, &state)
        case .selfConsistency: return try makeSelfConsistency(system, location, &state)
        case .router: return try makeRouter(system, location, &state)
        case nil: throw Self.unvalidated(location + ".type", "unknown system type '\(system.type)'")
        }
    }

    func makeCascade(_ system: SystemConfig, _ prompts: PromptSet, _ location: String, _ state: inout BuildState) throws
        -> any AnswerSystem
    {
        var responders: [Responder] = []
        for (index, level) in try required(system.levels, "levels", at: location).enumerated() {
            let here = "\(location).levels[\(index)]"
            guard case .model(let name) = level else { throw Self.unvalidated(here, "a cascade level is a model or system name") }
            responders.append(try responder(name, parameters: system.parameters, from: here, &state))
        }
        return CascadeSystem(
            name: system.name, levels: responders, gate: try system.gate.map { try makeGate($0, location + ".gate", state) },
            returnPolicy: try word(system.return ?? "last", at: location + ".return"),
            escalation: try word(system.escalate ?? "fresh", at: location + ".escalate"),
            gatesLastLevel: system.finalCheck ?? false, prompts: prompts)
    }
}

extension SystemFactory {
    /// The model `name` as built for this command. A configured model the caller left out of
    /// `models` is the caller's slip, not the config's.
    func builtModel(_ name: String, at location: String) throws -> String {
        guard models[name] == nil else { return name }
        let problem = config.model(named: name) == nil
            ? "'\(name)' is neither a configured model nor a system" : "model '\(name)' was not built for this command"
        throw QuorumError(.configuration, "\(location): \(problem)", context: ["model": name, "location": location])
    }

    /// `value`, which the validator requires wherever the factory asks for it.
    func required<Value>(_ value: Value?, _ field: String, at location: String) throws -> Value {
        guard let value else { throw Self.unvalidated(location, "'\(field)' is required") }
        return value
    }

    /// The enum case a configuration word names (the validator accepts only these words).
    func word<Value: RawRepresentable<String>>(_ raw: String, at location: String) throws -> Value {
        guard let value = Value(rawValue: raw) else { throw Self.unvalidated(location, "unknown word '\(raw)'") }
        return value
    }

    /// The error for what a validated configuration cannot hold.
    static func unvalidated(_ location: String, _ problem: String) -> QuorumError {
        QuorumError(
            .configuration, "\(location): \(problem); validate the configuration first (QuorumConfig.validate())",
            context: ["location": location])
    }
}
