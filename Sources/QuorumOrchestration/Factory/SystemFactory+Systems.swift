import Foundation
import QuorumCore

extension SystemFactory {
    func makeDebate(_ system: SystemConfig, _ prompts: PromptSet, _ location: String, _ state: inout BuildState) throws
        -> any AnswerSystem
    {
        var levels: [DebateSystem.Level] = []
        for (index, level) in try required(system.levels, "levels", at: location).enumerated() {
            let here = "\(location).levels[\(index)]"
            guard case .workers(let debate) = level else { throw Self.unvalidated(here, "a debate level is {workers: […], rounds: N}") }
            var workers: [DebateSystem.Worker] = []
            for (number, worker) in debate.workers.enumerated() {
                let responder = try responder(worker.model, parameters: system.parameters, from: "\(here).workers[\(number)]", &state)
                let persona = worker.persona ?? PromptSet.defaultPersonas[number % PromptSet.defaultPersonas.count]
                workers.append(DebateSystem.Worker(responder: responder, persona: prompts.persona(persona)))
            }
            let judge = try panelJudge(try required(debate.judge ?? system.judge, "judge", at: here), here + ".judge", state)
            let threshold = debate.threshold ?? system.threshold ?? judge.threshold
            levels.append(.init(workers: workers, rounds: max(0, debate.rounds ?? 1), judge: judge.panel, threshold: threshold))
        }
        return DebateSystem(name: system.name, levels: levels, prompts: prompts)
    }

    /// The panel form of a score judge: same model, scale and default threshold.
    func panelJudge(_ name: String, _ location: String, _ state: BuildState) throws -> (panel: PanelJudge, threshold: Double) {
        guard let judge = state.judges[name] as? ScoreJudge else { throw Self.unvalidated(location, "'\(name)' is not a score judge") }
        return (PanelJudge(name: judge.name, model: judge.model, scale: judge.scale, parameters: judge.parameters), judge.threshold)
    }

    func makeMixture(_ system: SystemConfig, _ prompts: PromptSet, _ location: String, _ state: inout BuildState) throws
        -> any AnswerSystem
    {
        let weights = system.weights ?? [:]
        var layers: [[MixtureOfAgentsSystem.Proposer]] = []
        for (layerIndex, layer) in try required(system.layers, "layers", at: location).enumerated() {
            var proposers: [MixtureOfAgentsSystem.Proposer] = []
            for (index, name) in layer.enumerated() {
                let here = "\(location).layers[\(layerIndex)][\(index)]"
                proposers.append(.init(responder: try responder(name, parameters: system.parameters, from: here, &state), weight: weights[name] ?? 1))
            }
            layers.append(proposers)
        }
        let aggregatorName = try required(system.aggregator, "aggregator", at: location)
        let aggregator = try responder(aggregatorName, parameters: system.parameters, from: location + ".aggregator", &state)
        let unanimous: AnswerExtractor? = try system.extract.map { try word($0, at: location + ".extract") }
        return MixtureOfAgentsSystem(
            name: system.name, layers: layers, aggregator: aggregator, dropout: system.dropout ?? 0,
            maxReferences: system.maxReferences, layerPrompts: system.layerPrompts ?? [], seed: system.seed ?? 0,
            unanimous: unanimous, referenceGate: try system.gate.map { try makeGate($0, location + ".gate", state) },
            prompts: prompts)
    }

    func makeBestOfN(_ system: SystemConfig, _ location: String, _ state: inout BuildState) throws -> any AnswerSystem {
        let names = system.models ?? system.model.map { [$0] } ?? []
        var responders: [Responder] = []
        for (index, name) in names.enumerated() {
            responders.append(try responder(name, parameters: system.parameters, from: "\(location).models[\(index)]", &state))
        }
        let judgeName = try required(system.judge, "judge", at: location)
        let selection: BestOfNSystem.Selection
        switch system.selection ?? "score" {
        case "score": selection = .score(try scoringJudge(judgeName, threshold: nil, location + ".judge", state))
        case "knockout":
            guard let judge = state.pairwise[judgeName] else {
                throw Self.unvalidated(location + ".judge", "'\(judgeName)' is not a pairwise judge")
            }
            selection = .knockout(judge)
        case let other: throw Self.unvalidated(location + ".selection", "unknown selection '\(other)'")
        }
        return BestOfNSystem(
            name: system.name, responders: responders, n: system.n ?? max(names.count, 4), temperature: system.temperature ?? 0.7,
            seed: system.seed, selection: selection)
    }

    func makeSelfConsistency(_ system: SystemConfig, _ location: String, _ state: inout BuildState) throws -> any AnswerSystem {
        let name = try required(system.model, "model", at: location)
        return SelfConsistencySystem(
            name: system.name, responder: try responder(name, parameters: system.parameters, from: location + ".model", &state),
            n: system.n ?? 5, temperature: system.temperature ?? 0.7, seed: system.seed,
            extractor: try word(system.extract ?? "auto", at: location + ".extract"),
            judge: try system.judge.map { try scoringJudge($0, threshold: nil, location + ".judge", state) },
            gate: try system.gate.map { try makeGate($0, location + ".gate", state) })
    }
}
