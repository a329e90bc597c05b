import Foundation
import QuorumCore

extension SystemFactory {
    func makeDebate(_ system: SystemConfig, _ prompts: PromptSet, _ location: String, _ state: inout BuildState)
        -> (any AnswerSystem)?
    {
        guard let levels = require(system.levels, "levels", location, &state) else { return nil }
        var built: [DebateSystem.Level] = []
        for (index, level) in levels.enumerated() {
            let here = "\(location).levels[\(index)]"
            guard case .workers(let debate) = level else {
                state.problem(here, "a debate level is {workers: […], rounds: N}")
                continue
            }
            if debate.workers.isEmpty { state.problem(here + ".workers", "a debate level needs at least one worker") }
            let workers = debate.workers.enumerated().compactMap { number, worker -> DebateSystem.Worker? in
                guard let responder = responder(
                    worker.model, parameters: system.parameters, from: "\(here).workers[\(number)]", &state)
                else { return nil }
                let persona = worker.persona ?? PromptSet.defaultPersonas[number % PromptSet.defaultPersonas.count]
                return DebateSystem.Worker(responder: responder, persona: prompts.persona(persona))
            }
            guard let judgeName = require(debate.judge ?? system.judge, "judge", here, &state),
                let judge = panelJudge(judgeName, here + ".judge", &state)
            else { continue }
            let rounds = debate.rounds ?? 1
            if rounds < 0 { state.problem(here + ".rounds", "must be ≥ 0") }
            let threshold = debate.threshold ?? system.threshold ?? judge.threshold
            guard workers.count == debate.workers.count, !workers.isEmpty else { continue }
            built.append(.init(workers: workers, rounds: max(0, rounds), judge: judge.panel, threshold: threshold))
        }
        if levels.isEmpty { state.problem(location + ".levels", "a debate needs at least one level") }
        guard built.count == levels.count, !built.isEmpty else { return nil }
        return DebateSystem(name: system.name, levels: built, prompts: prompts)
    }

    /// The panel form of a score judge: same model, scale and default threshold.
    func panelJudge(_ name: String, _ location: String, _ state: inout BuildState) -> (panel: PanelJudge, threshold: Double)? {
        guard let judge = state.judges[name] as? ScoreJudge else {
            let known = config.judge(named: name)
            state.problem(location, known == nil ? "no judge named '\(name)'" : "'\(name)' must be a score judge")
            return nil
        }
        let panel = PanelJudge(name: judge.name, model: judge.model, scale: judge.scale, parameters: judge.parameters)
        return (panel, judge.threshold)
    }

    func makeMixture(_ system: SystemConfig, _ prompts: PromptSet, _ location: String, _ state: inout BuildState)
        -> (any AnswerSystem)?
    {
        guard let layers = require(system.layers, "layers", location, &state),
            let aggregatorName = require(system.aggregator, "aggregator", location, &state)
        else { return nil }
        let weights = system.weights ?? [:]
        for (name, weight) in weights where weight < 0 { state.problem("\(location).weights.\(name)", "must be ≥ 0") }
        for name in weights.keys.sorted() where !layers.joined().contains(name) {
            state.problem("\(location).weights.\(name)", "'\(name)' is not a proposer")
        }
        let built = layers.enumerated().map { layerIndex, layer in
            layer.enumerated().compactMap { index, name -> MixtureOfAgentsSystem.Proposer? in
                responder(name, parameters: system.parameters, from: "\(location).layers[\(layerIndex)][\(index)]", &state)
                    .map { .init(responder: $0, weight: weights[name] ?? 1) }
            }
        }
        let aggregator = responder(aggregatorName, parameters: system.parameters, from: location + ".aggregator", &state)
        let dropout = system.dropout ?? 0
        if !(0..<1).contains(dropout) { state.problem(location + ".dropout", "must be in 0 ≤ dropout < 1") }
        if let maximum = system.maxReferences, maximum < 1 { state.problem(location + ".max_references", "must be ≥ 1") }
        if layers.isEmpty || layers.contains(where: \.isEmpty) {
            state.problem(location + ".layers", "every layer needs at least one proposer")
        }
        let unanimous = system.extract.flatMap(AnswerExtractor.init(rawValue:))
        let gate = system.gate.flatMap { makeGate($0, location + ".gate", &state) }
        guard let aggregator, zip(built, layers).allSatisfy({ $0.count == $1.count }), !layers.isEmpty,
            system.gate == nil || gate != nil
        else { return nil }
        return MixtureOfAgentsSystem(
            name: system.name, layers: built, aggregator: aggregator, dropout: dropout,
            maxReferences: system.maxReferences, layerPrompts: system.layerPrompts ?? [], seed: system.seed ?? 0,
            unanimous: unanimous, referenceGate: gate, prompts: prompts)
    }

    func makeBestOfN(_ system: SystemConfig, _ location: String, _ state: inout BuildState) -> (any AnswerSystem)? {
        let names = system.models ?? system.model.map { [$0] } ?? []
        if names.isEmpty { state.problem(location, "'model' or 'models' is required") }
        let responders = names.enumerated().compactMap { index, name in
            responder(name, parameters: system.parameters, from: "\(location).models[\(index)]", &state)
        }
        let n = system.n ?? max(names.count, 4)
        if n < 1 { state.problem(location + ".n", "must be ≥ 1") }
        guard let judgeName = require(system.judge, "judge", location, &state) else { return nil }
        let selection: BestOfNSystem.Selection
        switch system.selection ?? "score" {
        case "score":
            guard let judge = scoringJudge(judgeName, threshold: nil, location + ".judge", &state) else { return nil }
            selection = .score(judge)
        case "knockout", "pairwise":
            guard let judge = state.pairwise[judgeName] else {
                state.problem(location + ".judge", "knockout selection needs a pairwise judge; '\(judgeName)' is not one")
                return nil
            }
            selection = .knockout(judge)
        case let other:
            state.problem(location + ".selection", "unknown selection '\(other)' (use score or knockout)")
            return nil
        }
        guard responders.count == names.count, !names.isEmpty, n >= 1 else { return nil }
        return BestOfNSystem(
            name: system.name, responders: responders, n: n, temperature: system.temperature ?? 0.7, seed: system.seed,
            selection: selection)
    }

    func makeSelfConsistency(_ system: SystemConfig, _ location: String, _ state: inout BuildState) -> (any AnswerSystem)? {
        guard let name = require(system.model, "model", location, &state),
            let responder = responder(name, parameters: system.parameters, from: location + ".model", &state)
        else { return nil }
        let extractor = AnswerExtractor(rawValue: system.extract ?? "auto")
        if extractor == nil { state.problem(location + ".extract", "use number, choice, text or auto") }
        let n = system.n ?? 5
        if n < 1 { state.problem(location + ".n", "must be ≥ 1") }
        var judge: (any Judge)?
        if let judgeName = system.judge {
            judge = scoringJudge(judgeName, threshold: nil, location + ".judge", &state)
            if judge == nil { return nil }
        }
        let gate = system.gate.flatMap { makeGate($0, location + ".gate", &state) }
        guard let extractor, n >= 1, system.gate == nil || gate != nil else { return nil }
        return SelfConsistencySystem(
            name: system.name, responder: responder, n: n, temperature: system.temperature ?? 0.7, seed: system.seed,
            extractor: extractor, judge: judge, gate: gate)
    }
}
