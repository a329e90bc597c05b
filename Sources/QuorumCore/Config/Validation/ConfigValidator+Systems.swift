import Foundation

extension ConfigValidator {
    mutating func check(_ system: SystemConfig, at path: String) {
        checkWord(system.type, in: ConfigVocabulary.systemTypes, at: "\(path).type", what: "system type")
        if let allowed = ConfigVocabulary.systemKeys[system.type] {
            let general: Set<String> = ["name", "type", "prompts", "parameters", "seed"]
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
        switch system.type {
        case "single":
            if system.model == nil { error("\(path).model", "a single system needs model:") }
        case "cascade": checkCascade(system, at: path, answerers: answerers)
        case "debate": checkDebate(system, at: path, answerers: answerers)
        case "moa":
            checkMixture(system, at: path, answerers: answerers)
            checkWord(system.extract, in: ConfigVocabulary.extractions, at: "\(path).extract", what: "answer extraction")
        case "best-of-n", "self-consistency":
            if system.model == nil, system.models?.isEmpty ?? true { error("\(path).model", "\(system.type) needs model:") }
            checkPositive(system.n, at: "\(path).n")
            if system.type == "best-of-n", system.judge == nil { error("\(path).judge", "best-of-n needs a judge to pick the best") }
            checkWord(system.extract, in: ConfigVocabulary.extractions, at: "\(path).extract", what: "answer extraction")
            checkWord(system.selection, in: ["score", "knockout"], at: "\(path).selection", what: "selection")
            if system.type == "self-consistency", let gate = system.gate {
                check(gate, at: "\(path).gate")
                if gate.usesConfidence, let model = system.model {
                    checkLogprobs(of: [("\(path).model", .model(model))], gated: "this self-consistency")
                }
            }
        case "router" where system.strategy == "learned": checkLearnedRouter(system, at: path)
        case "router":
            checkWord(system.strategy, in: ["rules", "learned"], at: "\(path).strategy", what: "router strategy")
            if system.routes?.isEmpty ?? true { error("\(path).routes", "a router needs at least one route") }
            if system.default == nil { error("\(path).default", "a router needs default: SYSTEM for unmatched items") }
            checkReference(system.default, among: answerers, at: "\(path).default", what: "model or system")
            for (index, route) in (system.routes ?? []).enumerated() {
                checkReference(route.system, among: answerers, at: "\(path).routes[\(index)].system", what: "model or system")
                for key in route.when.keys {
                    checkWord(key, in: ["category", "tag", "prompt_regex"], at: "\(path).routes[\(index)].when.\(key)", what: "route condition")
                }
            }
        default: break
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

    /// A confidence gate reads the answering call's token logprobs: every level it reads must be a
    /// model whose provider gives them. Each level comes with its location; `gated` is what the advice names.
    private mutating func checkLogprobs(of levels: [(location: String, level: SystemLevel)], gated: String) {
        for (location, level) in levels {
            guard case .model(let name) = level, let model = config.models.first(where: { $0.name == name }),
                ConfigVocabulary.providersWithoutLogprobs.contains(model.provider)
            else { continue }
            error(
                location,
                "'\(name)' uses provider \(model.provider), which gives no token logprobs, so a confidence gate"
                    + " cannot read it; gate \(gated) with judge:, verifier: or agreement: instead")
        }
    }

    /// `confidence:` names a known signal, a quantile in (0, 1), and a threshold on the signal's scale.
    private mutating func check(_ confidence: ConfidenceGateConfig, at path: String) {
        checkWord(confidence.signal, in: ConfidenceGateConfig.signals, at: "\(path).signal", what: "confidence signal")
        if confidence.signal == "quantile", !(confidence.q.map { $0 > 0 && $0 < 1 } ?? false) {
            error("\(path).q", "a quantile signal needs q between 0 and 1 (0.1: the least confident tenth)")
        }
        if confidence.signal == "margin", confidence.threshold < 0 {
            error("\(path).threshold", "a margin is never negative, found \(confidence.threshold)")
        } else if confidence.signal != "margin", confidence.threshold > 0 {
            error(
                "\(path).threshold",
                "a \(confidence.signal) signal is never positive (logprobs and minus an entropy are ≤ 0); use a threshold ≤ 0, found \(confidence.threshold)")
        }
    }

    mutating func check(_ gate: GateConfig, at path: String) {
        let kinds = [
            gate.judge != nil, gate.verifier != nil, gate.agreement != nil, gate.confidence != nil, gate.all != nil,
            gate.any != nil,
        ]
        if kinds.filter({ $0 }).count != 1 {
            error(path, "a gate needs exactly one of judge:, verifier:, agreement:, confidence:, all:, any:")
        }
        checkReference(gate.judge, among: judgeNames, at: "\(path).judge", what: "judge")
        if gate.verifier != nil { checkVerifier(gate.verifier, pattern: gate.pattern, schema: gate.schema, at: path) }
        if let agreement = gate.agreement, agreement.min > agreement.samples || agreement.min < 1 {
            error("\(path).agreement.min", "must be between 1 and samples (\(agreement.samples)), found \(agreement.min)")
        }
        if let confidence = gate.confidence { check(confidence, at: "\(path).confidence") }
        for (index, inner) in (gate.all ?? []).enumerated() { check(inner, at: "\(path).all[\(index)]") }
        for (index, inner) in (gate.any ?? []).enumerated() { check(inner, at: "\(path).any[\(index)]") }
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
        }
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
