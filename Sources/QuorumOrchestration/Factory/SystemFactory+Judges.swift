import Foundation
import QuorumCore

extension SystemFactory {
    /// The `score`, `rubric` and `verifier` judges by name (pairwise judges are built apart; `agreement`
    /// and `human` judges exist in the configuration language but are not built here).
    func buildJudges() throws -> [String: any Judge] {
        var judges: [String: any Judge] = [:]
        for judge in config.judges {
            let location = "judges.\(judge.name)"
            switch judge.kind {
            case .score:
                judges[judge.name] = ScoreJudge(
                    name: judge.name, model: try judgeModel(judge, location), scale: judge.scale ?? 1, threshold: judge.threshold,
                    prompt: judge.prompt, parameters: judge.parameters)
            case .rubric: judges[judge.name] = try makeRubric(judge, location)
            case .verifier:
                let kind = try required(judge.verifier, "verifier", at: location)
                let verifier = try makeVerifier(
                    kind, pattern: judge.pattern, schema: judge.schema, tolerance: judge.tolerance, at: location + ".verifier")
                judges[judge.name] = VerifierJudge(name: judge.name, verifier: verifier)
            case .pairwise, .agreement, .human: continue
            case nil: throw Self.unvalidated(location + ".type", "unknown judge type '\(judge.type)'")
            }
        }
        return judges
    }

    func buildPairwiseJudges() throws -> [String: PairwiseJudge] {
        var judges: [String: PairwiseJudge] = [:]
        for judge in config.judges where judge.kind == .pairwise {
            judges[judge.name] = PairwiseJudge(
                name: judge.name, model: try judgeModel(judge, "judges.\(judge.name)"), prompt: judge.prompt,
                parameters: judge.parameters, swap: judge.swap ?? true)
        }
        return judges
    }

    func makeRubric(_ judge: JudgeConfig, _ location: String) throws -> RubricJudge {
        if let id = judge.rubric {
            // The validator checked the reference and compiled the rubric with file:line.
            guard let rubric = config.rubric(id: id) else { throw Self.unvalidated(location + ".rubric", "no rubric '\(id)' in rubrics:") }
            return RubricJudge(
                name: judge.name, model: try judgeModel(judge, location), rubric: try Rubric(rubric), threshold: judge.threshold,
                prompt: judge.prompt, parameters: judge.parameters)
        }
        let criteria = try required(judge.criteria, "criteria", at: location)
        return RubricJudge(
            name: judge.name, model: try judgeModel(judge, location),
            criteria: criteria.map { .init(name: $0.name, description: $0.description ?? "", weight: $0.weight ?? 1) },
            mode: try word(judge.mode ?? "single", at: location + ".mode"), scale: judge.scale ?? 10, threshold: judge.threshold,
            prompt: judge.prompt, parameters: judge.parameters)
    }

    /// A judge's model: its calls are charged as judge cost, so it is a model, never a system.
    func judgeModel(_ judge: JudgeConfig, _ location: String) throws -> String {
        try builtModel(try required(judge.model, "model", at: location), at: location + ".model")
    }

    /// A verifier from its configured kind and options.
    func makeVerifier(_ kind: String, pattern: String?, schema: JSONValue?, tolerance: Double?, at location: String) throws
        -> Verifier
    {
        let tolerance = tolerance ?? 1e-6
        switch kind {
        case "exact": return Verifier(.exact)
        case "normalized": return Verifier(.normalized)
        case "numeric": return Verifier(.numeric(tolerance: tolerance))
        case "choice": return Verifier(.choice)
        case "contains": return Verifier(.contains)
        case "auto": return Verifier(.auto(tolerance: tolerance))
        case "code": return Verifier(.code(tests: nil, limits: CodeRunner.Limits()))
        case "regex": return Verifier(.regex(try required(pattern, "pattern", at: location)))
        case "json-schema": return Verifier(.jsonSchema(try required(schema, "schema", at: location)))
        default: throw Self.unvalidated(location, "unknown verifier '\(kind)'")
        }
    }

    /// A gate from `gate:`, which the validator holds to exactly one rule.
    func makeGate(_ gate: GateConfig, _ location: String, _ state: BuildState) throws -> Gate {
        if let name = gate.judge { return .judge(try scoringJudge(name, threshold: gate.threshold, location + ".judge", state)) }
        if let kind = gate.verifier {
            let verifier = try makeVerifier(kind, pattern: gate.pattern, schema: gate.schema, tolerance: nil, at: location)
            return .verifier(VerifierJudge(name: kind, verifier: verifier))
        }
        if let agreement = gate.agreement {
            return .agreement(samples: agreement.samples, min: agreement.min, extractor: .auto, temperature: 0.7)
        }
        if let confidence = gate.confidence {
            let signal: ConfidenceRule.Signal = try word(confidence.signal, at: location + ".confidence.signal")
            return .confidence(ConfidenceRule(signal: signal, q: confidence.q ?? 0.1, threshold: confidence.threshold))
        }
        if let parts = gate.all {
            return .all(try parts.enumerated().map { index, part in try makeGate(part, "\(location).all[\(index)]", state) })
        }
        if let parts = gate.any {
            return .any(try parts.enumerated().map { index, part in try makeGate(part, "\(location).any[\(index)]", state) })
        }
        throw Self.unvalidated(location, "a gate needs one of judge, verifier, agreement, confidence, all, any")
    }

    /// The score, rubric or verifier judge called `name` (a score or rubric judge with `threshold`
    /// as its pass mark when given), for gates and systems that score candidates.
    func scoringJudge(_ name: String, threshold: Double?, _ location: String, _ state: BuildState) throws -> any Judge {
        switch state.judges[name] {
        case let score as ScoreJudge: return score.with(threshold: threshold)
        case var rubric as RubricJudge:
            if let threshold { rubric.threshold = threshold }
            return rubric
        case let judge?: return judge
        case nil: throw Self.unvalidated(location, "'\(name)' is not a score, rubric or verifier judge")
        }
    }
}
