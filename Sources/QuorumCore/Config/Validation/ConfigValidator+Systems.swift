import Foundation

extension ConfigValidator {
    mutating func check(_ system: SystemConfig, at path: String) {
        checkWord(system.type, in: ConfigVocabulary.systemTypes, at: "\(path).type", what: "system type")
        if let allowed = ConfigVocabulary.systemKeys[system.type] {
            let general: Set<String> = ["name", "type", "prompts", "parameters", "seed", "cache"]
            for key in locations.keys(at: path) where !allowed.contains(key) && !general.contains(key) {
                let owners = ConfigVocabulary.systemKeys.filter { $0.value.contains(key) }.map(\.key).sorted()
                if !owners.isEmpty {
                    warning("\(path).\(key)", "ignored by a \(system.type) system (used by \(owners.joined(separator: ", ")))")
                }
            }
        }
        let answerers = answererNames.filter { $0 != system.name }
        checkReference(system.model, among: answerers, at: "\(path).model", what: "model or system")
        for (index, name) in (system.models ?? []).enumerated() {
            checkReference(name, among: answerers, at: "\(path).models[\(index)]", what: "model or system")
        }
        checkReference(system.judge, among: judgeNames, at: "\(path).judge", what: "judge")
        check(system.parameters, at: "\(path).parameters")
        check(system.cache, at: "\(path).cache")
        switch system.kind {
        case .single:
            if system.model == nil { error("\(path).model", "a single system needs model:") }
        case .cascade: checkCascade(system, at: path, answerers: answerers)
        case .debate: checkDebate(system, at: path, answerers: answerers)
        case .moa:
            checkMixture(system, at: path, answerers: answerers)
            checkWord(system.extract, in: ConfigVocabulary.extractions, at: "\(path).extract", what: "answer extraction")
        case .bestOfN, .selfConsistency: checkSampling(system, at: path)
        case .router where system.strategy == "learned": checkLearnedRouter(system, at: path)
        case .router: checkRules(system, at: path, answerers: answerers)
        case nil: break
        }
    }

    /// best-of-n and self-consistency sample one model n times (best-of-n may take turns over `models:`).
    private mutating func checkSampling(_ system: SystemConfig, at path: String) {
        if system.model == nil, system.kind == .selfConsistency || system.models?.isEmpty ?? true {
            error("\(path).model", "\(system.type) needs model:")
        }
        checkPositive(system.n, at: "\(path).n")
        if system.kind == .bestOfN, system.judge == nil { error("\(path).judge", "best-of-n needs a judge to pick the best") }
        checkWord(system.extract, in: ConfigVocabulary.extractions, at: "\(path).extract", what: "answer extraction")
        checkWord(system.selection, in: ["score", "knockout"], at: "\(path).selection", what: "selection")
        if system.kind == .bestOfN, system.selection == "knockout" {
            checkJudgeKind(system.judge, in: [.pairwise], at: "\(path).judge", for: "knockout selection")
        } else {
            checkJudgeKind(system.judge, in: JudgeKind.scoring, at: "\(path).judge", for: "\(system.type) scoring its samples")
        }
        if system.kind == .selfConsistency, let gate = system.gate {
            check(gate, at: "\(path).gate")
            if gate.usesConfidence, let model = system.model {
                checkLogprobs(of: [("\(path).model", .model(model))], gated: "this self-consistency")
            }
        }
    }

    /// A rules router: routes tried in order, each with conditions, and a default.
    private mutating func checkRules(_ system: SystemConfig, at path: String, answerers: [String]) {
        checkWord(system.strategy, in: ["rules", "learned"], at: "\(path).strategy", what: "router strategy")
        if system.routes?.isEmpty ?? true { error("\(path).routes", "a router needs at least one route") }
        if system.default == nil { error("\(path).default", "a router needs default: SYSTEM for unmatched items") }
        checkReference(system.default, among: answerers, at: "\(path).default", what: "model or system")
        for (index, route) in (system.routes ?? []).enumerated() {
            let routePath = "\(path).routes[\(index)]"
            checkReference(route.system, among: answerers, at: "\(routePath).system", what: "model or system")
            if route.when.isEmpty { error("\(routePath).when", "a route needs at least one condition (category, tag or prompt_regex)") }
            for key in route.when.keys {
                checkWord(key, in: ["category", "tag", "prompt_regex"], at: "\(routePath).when.\(key)", what: "route condition")
            }
            if let pattern = route.when["prompt_regex"], (try? NSRegularExpression(pattern: pattern)) == nil {
                error("\(routePath).when.prompt_regex", "/\(pattern)/ is not a valid regular expression")
            }
        }
    }

    private mutating func checkCascade(_ system: SystemConfig, at path: String, answerers: [String]) {
        let levels = system.levels ?? []
        if levels.isEmpty { error("\(path).levels", "a cascade needs levels: [model, …]") }
        for (index, level) in levels.enumerated() {
            guard case .model(let name) = level else {
                error("\(path).levels[\(index)]", "a cascade level is a model or system name (workers belong to debate)")
                continue
            }
            checkReference(name, among: answerers, at: "\(path).levels[\(index)]", what: "model or system")
        }
        if let gate = system.gate {
            check(gate, at: "\(path).gate")
            if gate.usesConfidence {
                checkLogprobs(of: levels.enumerated().map { ("\(path).levels[\($0)]", $1) }, gated: "this cascade")
            }
        } else if levels.count > 1 {
            error("\(path).gate", "a cascade needs gate: (judge:, verifier:, agreement:, confidence:, all: or any:) to decide escalation")
        }
        checkWord(system.return, in: ["last", "best"], at: "\(path).return", what: "return policy")
        checkWord(system.escalate, in: ["refine", "fresh"], at: "\(path).escalate", what: "escalation")
    }

    /// A learned router picks among two or more models with a trained file and an embedding model;
    /// a `gate:` checks the picked model's answer.
    private mutating func checkLearnedRouter(_ system: SystemConfig, at path: String) {
        if (system.models ?? []).count < 2 {
            error("\(path).models", "a learned router needs models: [cheapest, …, strongest], at least two")
        }
        if system.router == nil {
            error("\(path).router", "a learned router needs router: FILE (made by `quorum router train`)")
        }
        if system.routes != nil || system.default != nil {
            warning("\(path).routes", "ignored by strategy: learned (the trained router picks among models:)")
        }
        guard let name = system.embeddings ?? system.models?.first else { return }
        guard let model = config.models.first(where: { $0.name == name }) else {
            error("\(path).embeddings", "'\(name)' is not a configured model (the router embeds prompts with it)")
            return
        }
        if ConfigVocabulary.providersWithoutEmbeddings.contains(model.provider) {
            error(
                "\(path).embeddings",
                "'\(name)' uses provider \(model.provider), whose embeddings Quorum cannot call; "
                    + "name a local or OpenAI-compatible model in embeddings:")
        }
        if let gate = system.gate {
            check(gate, at: "\(path).gate")
            if gate.usesConfidence {
                checkLogprobs(of: (system.models ?? []).enumerated().map { ("\(path).models[\($0)]", .model($1)) }, gated: "this router")
            }
        }
        if let threshold = system.threshold, !(0...1).contains(threshold) {
            error("\(path).threshold", "a learned router's threshold is a probability between 0 and 1, found \(threshold)")
        }
    }

    private mutating func checkDebate(_ system: SystemConfig, at path: String, answerers: [String]) {
        let levels = system.levels ?? []
        if levels.isEmpty { error("\(path).levels", "a debate needs levels: [{workers: […], rounds: N}, …]") }
        for (index, level) in levels.enumerated() {
            let levelPath = "\(path).levels[\(index)]"
            guard case .workers(let debate) = level else {
                error(levelPath, "a debate level is {workers: [model, …], rounds: N}")
                continue
            }
            if debate.workers.isEmpty { error("\(levelPath).workers", "needs at least one worker") }
            for (worker, entry) in debate.workers.enumerated() {
                checkReference(entry.model, among: answerers, at: "\(levelPath).workers[\(worker)]", what: "model or system")
            }
            checkPositive(debate.rounds, at: "\(levelPath).rounds", allowZero: true)
            checkReference(debate.judge, among: judgeNames, at: "\(levelPath).judge", what: "judge")
            if system.judge == nil, debate.judge == nil { error("\(levelPath).judge", "a debate needs a judge (on the system or each level)") }
            checkJudgeKind(debate.judge, in: [.score], at: "\(levelPath).judge", for: "a debate")
        }
        checkJudgeKind(system.judge, in: [.score], at: "\(path).judge", for: "a debate")
    }

    private mutating func checkMixture(_ system: SystemConfig, at path: String, answerers: [String]) {
        let layers = system.layers ?? []
        if layers.isEmpty || layers.contains(where: \.isEmpty) { error("\(path).layers", "moa needs layers: [[proposer, …], …], none empty") }
        for (layer, proposers) in layers.enumerated() {
            for (index, name) in proposers.enumerated() {
                checkReference(name, among: answerers, at: "\(path).layers[\(layer)][\(index)]", what: "model or system")
            }
        }
        if system.aggregator == nil { error("\(path).aggregator", "moa needs aggregator: MODEL") }
        checkReference(system.aggregator, among: answerers, at: "\(path).aggregator", what: "model or system")
        if let dropout = system.dropout, !(0..<1).contains(dropout) { error("\(path).dropout", "must be at least 0 and below 1") }
        checkPositive(system.maxReferences, at: "\(path).max_references")
        let proposers = Set(layers.joined())
        for (name, weight) in (system.weights ?? [:]).sorted(by: { $0.key < $1.key }) {
            if weight < 0 { error("\(path).weights.\(name)", "must not be negative, found \(weight)") }
            if !proposers.contains(name) { error("\(path).weights.\(name)", "'\(name)' is not a proposer in layers:") }
        }
        if let gate = system.gate {
            check(gate, at: "\(path).gate")
            if gate.usesConfidence {
                for (layer, proposers) in layers.enumerated() {
                    checkLogprobs(
                        of: proposers.enumerated().map { ("\(path).layers[\(layer)][\($0)]", .model($1)) },
                        gated: "this moa's references")
                }
            }
        }
    }

    /// Systems may use systems, but never themselves, directly or through others.
    mutating func checkSystemCycles() {
        let byName = Dictionary(config.systems.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        for (index, system) in config.systems.enumerated() {
            var stack = system.referencedNames.filter { byName[$0] != nil }
            var seen: Set<String> = []
            while let next = stack.popLast() {
                if next == system.name {
                    error("systems[\(index)]", "system '\(system.name)' uses itself through nested systems")
                    break
                }
                guard seen.insert(next).inserted, let nested = byName[next] else { continue }
                stack += nested.referencedNames.filter { byName[$0] != nil }
            }
        }
    }
}

extension SystemConfig {
    /// Every model or system name this system calls.
    public var referencedNames: [String] {
        var names: [String] = []
        if let model { names.append(model) }
        names += models ?? []
        for level in levels ?? [] {
            switch level {
            case .model(let name): names.append(name)
            case .workers(let debate): names += debate.workers.map(\.model)
            }
        }
        names += (layers ?? []).flatMap { $0 }
        if let aggregator { names.append(aggregator) }
        names += (routes ?? []).map(\.system)
        if let `default` { names.append(`default`) }
        return names
    }
}
