import QuorumCore

/// Builds the systems and judges a configuration describes, over already-built models.
///
/// Validates every reference on the way (unknown model, system or judge names, nesting cycles,
/// a field a type needs) and reports every problem at once in one `QuorumError(.configuration)`.
/// Wherever a model name is accepted a system name is too; a name used for both is an error.
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

    /// Builds every system and judge; throws one `.configuration` error listing every problem.
    public func makeCatalog() throws -> Catalog {
        var state = BuildState()
        let judges = makeJudges(&state)
        var pairwise: [String: PairwiseJudge] = [:]
        for config in config.judges where config.type == "pairwise" {
            if let judge = makePairwise(config, &state) { pairwise[config.name] = judge }
        }
        state.judges = judges
        state.pairwise = pairwise
        checkNames(&state)
        for system in config.systems { _ = responder(system.name, parameters: nil, from: "systems", &state) }
        if !state.problems.isEmpty {
            let count = state.problems.count
            throw QuorumError(
                .configuration,
                "\(count) problem\(count == 1 ? "" : "s") in the systems and judges: " + state.problems.joined(separator: "; "),
                context: ["problems": state.problems.joined(separator: "\n")])
        }
        return Catalog(systems: state.built, judges: judges, pairwiseJudges: pairwise)
    }

    /// Builds every system by name.
    public func makeSystems() throws -> [String: any AnswerSystem] { try makeCatalog().systems }

    /// Builds every `score`, `rubric` and `verifier` judge by name.
    public func makeJudges() throws -> [String: any Judge] { try makeCatalog().judges }

    /// What building accumulates: systems done, the nesting path (for cycles), problems found.
    struct BuildState {
        var built: [String: any AnswerSystem] = [:]
        var building: [String] = []
        var problems: [String] = []
        var judges: [String: any Judge] = [:]
        var pairwise: [String: PairwiseJudge] = [:]

        mutating func problem(_ where: String, _ text: String) {
            let line = "\(`where`): \(text)"
            if !problems.contains(line) { problems.append(line) }
        }
    }

    func checkNames(_ state: inout BuildState) {
        var seen: Set<String> = []
        for system in config.systems {
            if !seen.insert(system.name).inserted { state.problem("systems", "'\(system.name)' is defined twice") }
            if models[system.name] != nil {
                state.problem("systems.\(system.name)", "the name is also a model's; give the system another name")
            }
        }
    }

    /// The responder for a model or system `name`, building the system (and its dependencies) on demand.
    func responder(
        _ name: String, parameters: GenerationParameters?, from location: String, _ state: inout BuildState
    ) -> Responder? {
        if let system = state.built[name] { return .system(system) }
        if let systemConfig = config.system(named: name) {
            if let index = state.building.firstIndex(of: name) {
                let cycle = (state.building[index...] + [name]).joined(separator: " → ")
                state.problem(location, "systems nest in a cycle: \(cycle)")
                return nil
            }
            state.building.append(name)
            defer { state.building.removeLast() }
            guard let system = makeSystem(systemConfig, &state) else { return nil }
            state.built[name] = system
            return .system(system)
        }
        if models[name] != nil { return .model(name, parameters ?? GenerationParameters()) }
        state.problem(location, "'\(name)' is neither a configured model nor a system")
        return nil
    }

    func makeSystem(_ system: SystemConfig, _ state: inout BuildState) -> (any AnswerSystem)? {
        let location = "systems.\(system.name)"
        let prompts = PromptSet(overrides: system.prompts ?? [:])
        switch system.type {
        case "single":
            guard let model = require(system.model, "model", location, &state),
                let responder = responder(model, parameters: system.parameters, from: location + ".model", &state)
            else { return nil }
            return SingleSystem(name: system.name, responder: responder)
        case "cascade": return makeCascade(system, prompts, location, &state)
        case "debate": return makeDebate(system, prompts, location, &state)
        case "moa": return makeMixture(system, prompts, location, &state)
        case "best-of-n": return makeBestOfN(system, location, &state)
        case "self-consistency": return makeSelfConsistency(system, location, &state)
        case "router": return makeRouter(system, location, &state)
        default:
            state.problem(
                location + ".type",
                "unknown system type '\(system.type)' (use single, cascade, debate, moa, best-of-n, self-consistency or router)")
            return nil
        }
    }

    func require<Value>(_ value: Value?, _ field: String, _ location: String, _ state: inout BuildState) -> Value? {
        if value == nil { state.problem(location, "'\(field)' is required") }
        return value
    }

    func makeCascade(_ system: SystemConfig, _ prompts: PromptSet, _ location: String, _ state: inout BuildState)
        -> (any AnswerSystem)?
    {
        guard let levels = require(system.levels, "levels", location, &state) else { return nil }
        var responders: [Responder] = []
        for (index, level) in levels.enumerated() {
            guard case .model(let name) = level else {
                state.problem("\(location).levels[\(index)]", "a cascade level is a model or system name")
                continue
            }
            if let responder = responder(name, parameters: system.parameters, from: "\(location).levels[\(index)]", &state) {
                responders.append(responder)
            }
        }
        if levels.isEmpty { state.problem(location + ".levels", "a cascade needs at least one level") }
        if levels.count > 1, system.gate == nil { state.problem(location, "a cascade with several levels needs a 'gate'") }
        let gate = system.gate.flatMap { makeGate($0, location + ".gate", &state) }
        let policy = CascadeSystem.ReturnPolicy(rawValue: system.return ?? "last")
        if policy == nil { state.problem(location + ".return", "use 'last' or 'best'") }
        guard responders.count == levels.count, !levels.isEmpty, let policy, system.gate == nil || gate != nil else {
            return nil
        }
        let escalation = CascadeSystem.Escalation(rawValue: system.escalate ?? "fresh")
        if escalation == nil { state.problem(location + ".escalate", "use 'refine' or 'fresh'") }
        return CascadeSystem(
            name: system.name, levels: responders, gate: gate, returnPolicy: policy, escalation: escalation ?? .fresh,
            gatesLastLevel: system.finalCheck ?? false, prompts: prompts)
    }
}
