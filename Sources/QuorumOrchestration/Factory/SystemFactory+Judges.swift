import Foundation
import QuorumCore

extension SystemFactory {
    /// Judge types that exist in the configuration language but are not built here.
    static let deferredJudgeTypes: Set<String> = ["agreement", "human", "pairwise"]

    func makeJudges(_ state: inout BuildState) -> [String: any Judge] {
        var judges: [String: any Judge] = [:]
        var seen: Set<String> = []
        for judge in config.judges {
            let location = "judges.\(judge.name)"
            if !seen.insert(judge.name).inserted { state.problem("judges", "'\(judge.name)' is defined twice") }
            switch judge.type {
            case "score":
                guard let model = judgeModel(judge, location, &state), let scale = scale(judge, location, &state) else {
                    continue
                }
                judges[judge.name] = ScoreJudge(
                    name: judge.name, model: model, scale: scale, threshold: judge.threshold, prompt: judge.prompt,
                    parameters: judge.parameters)
            case "rubric":
                if let rubric = makeRubric(judge, location, &state) { judges[judge.name] = rubric }
            case "verifier":
                guard let kind = require(judge.verifier, "verifier", location, &state),
                    let verifier = makeVerifier(
                        kind, pattern: judge.pattern, schema: judge.schema, tolerance: judge.tolerance,
                        location + ".verifier", &state)
                else { continue }
                judges[judge.name] = VerifierJudge(name: judge.name, verifier: verifier)
            case let type where SystemFactory.deferredJudgeTypes.contains(type):
                continue
            default:
                state.problem(
                    location + ".type",
                    "unknown judge type '\(judge.type)' (use score, pairwise, rubric, verifier, agreement or human)")
            }
        }
        return judges
    }

    func makePairwise(_ judge: JudgeConfig, _ state: inout BuildState) -> PairwiseJudge? {
        guard let model = judgeModel(judge, "judges.\(judge.name)", &state) else { return nil }
        return PairwiseJudge(
            name: judge.name, model: model, prompt: judge.prompt, parameters: judge.parameters, swap: judge.swap ?? true)
    }

    func makeRubric(_ judge: JudgeConfig, _ location: String, _ state: inout BuildState) -> RubricJudge? {
        if let id = judge.rubric {
            guard let model = judgeModel(judge, location, &state) else { return nil }
            do {
                guard let rubric = config.rubric(id: id) else { throw QuorumError(.configuration, "no rubric '\(id)' in rubrics:") }
                return RubricJudge(
                    name: judge.name, model: model, rubric: try Rubric(rubric), threshold: judge.threshold, prompt: judge.prompt,
                    parameters: judge.parameters)
            } catch {
                state.problem(location + ".rubric", "\(error)")
                return nil
            }
        }
        guard let model = judgeModel(judge, location, &state),
            let criteria = require(judge.criteria, "criteria", location, &state)
        else { return nil }
        if criteria.isEmpty { state.problem(location + ".criteria", "a rubric needs at least one criterion") }
        let mode = RubricJudge.Mode(rawValue: judge.mode ?? "single")
        if mode == nil { state.problem(location + ".mode", "use 'single' or 'per_factor'") }
        if criteria.contains(where: { ($0.weight ?? 1) < 0 }) { state.problem(location + ".criteria", "weights must be ≥ 0") }
        guard let mode, !criteria.isEmpty else { return nil }
        return RubricJudge(
            name: judge.name, model: model,
            criteria: criteria.map { .init(name: $0.name, description: $0.description ?? "", weight: $0.weight ?? 1) },
            mode: mode, scale: judge.scale ?? 10, threshold: judge.threshold, prompt: judge.prompt,
            parameters: judge.parameters)
    }

    /// A judge's model must be a model: its calls are charged as judge cost.
    func judgeModel(_ judge: JudgeConfig, _ location: String, _ state: inout BuildState) -> String? {
        guard let model = require(judge.model, "model", location, &state) else { return nil }
        guard models[model] != nil else {
            let kind = config.system(named: model) != nil ? "a system; a judge needs a model" : "not a configured model"
            state.problem(location + ".model", "'\(model)' is \(kind)")
            return nil
        }
        return model
    }

    func scale(_ judge: JudgeConfig, _ location: String, _ state: inout BuildState) -> Int? {
        let scale = judge.scale ?? 1
        guard scale == 1 || scale == 10 else {
            state.problem(location + ".scale", "use 1 (scores 0.0–1.0) or 10 (scores 1–10)")
            return nil
        }
        if let threshold = judge.threshold, !(0...Double(scale)).contains(threshold) {
            state.problem(location + ".threshold", "must be within 0…\(scale) for scale \(scale)")
        }
        return scale
    }

    /// A verifier from its configured kind and options.
    func makeVerifier(
        _ kind: String, pattern: String?, schema: JSONValue?, tolerance: Double?, _ location: String,
        _ state: inout BuildState
    ) -> Verifier? {
        let tolerance = tolerance ?? 1e-6
        switch kind {
        case "exact": return Verifier(.exact)
        case "normalized": return Verifier(.normalized)
        case "numeric": return Verifier(.numeric(tolerance: tolerance))
        case "choice": return Verifier(.choice)
        case "contains": return Verifier(.contains)
        case "auto": return Verifier(.auto(tolerance: tolerance))
        case "code": return Verifier(.code(tests: nil, limits: CodeRunner.Limits()))
        case "regex":
            guard let pattern = require(pattern, "pattern", location, &state) else { return nil }
            guard (try? NSRegularExpressionCheck.compile(pattern)) != nil else {
                state.problem(location, "pattern /\(pattern)/ is not a valid regular expression")
                return nil
            }
            return Verifier(.regex(pattern))
        case "json-schema", "json_schema":
            guard let schema = require(schema, "schema", location, &state) else { return nil }
            return Verifier(.jsonSchema(schema))
        default:
            state.problem(
                location,
                "unknown verifier '\(kind)' (use exact, normalized, numeric, choice, regex, contains, json-schema, code or auto)")
            return nil
        }
    }

    /// A gate from `gate:`; `judge:` must name a score, rubric or verifier judge.
    func makeGate(_ gate: GateConfig, _ location: String, _ state: inout BuildState) -> Gate? {
        let given = [
            gate.judge != nil, gate.verifier != nil, gate.agreement != nil, gate.confidence != nil, gate.all != nil,
            gate.any != nil,
        ]
        guard given.filter({ $0 }).count == 1 else {
            state.problem(location, "give exactly one of judge, verifier, agreement, confidence, all, any")
            return nil
        }
        if let name = gate.judge { return judgeGate(name, threshold: gate.threshold, location, &state) }
        if let kind = gate.verifier {
            let verifier = makeVerifier(kind, pattern: gate.pattern, schema: gate.schema, tolerance: nil, location, &state)
            return verifier.map { .verifier(VerifierJudge(name: kind, verifier: $0)) }
        }
        if let agreement = gate.agreement {
            guard agreement.samples >= 1, (1...agreement.samples).contains(agreement.min) else {
                state.problem(location + ".agreement", "need samples ≥ 1 and 1 ≤ min ≤ samples")
                return nil
            }
            return .agreement(samples: agreement.samples, min: agreement.min, extractor: .auto, temperature: 0.7)
        }
        if let confidence = gate.confidence {
            guard let signal = ConfidenceRule.Signal(rawValue: confidence.signal) else {
                state.problem(location + ".confidence.signal", "unknown signal '\(confidence.signal)'")
                return nil
            }
            return .confidence(ConfidenceRule(signal: signal, q: confidence.q ?? 0.1, threshold: confidence.threshold))
        }
        let parts = (gate.all ?? gate.any ?? []).enumerated().compactMap { index, part in
            makeGate(part, "\(location).\(gate.all != nil ? "all" : "any")[\(index)]", &state)
        }
        guard parts.count == (gate.all ?? gate.any ?? []).count, !parts.isEmpty else {
            if parts.isEmpty { state.problem(location, "an empty combination of gates") }
            return nil
        }
        return gate.all != nil ? .all(parts) : .any(parts)
    }

    func judgeGate(_ name: String, threshold: Double?, _ location: String, _ state: inout BuildState) -> Gate? {
        switch state.judges[name] {
        case let score as ScoreJudge: return .judge(score.with(threshold: threshold))
        case var rubric as RubricJudge:
            if let threshold { rubric.threshold = threshold }
            return .judge(rubric)
        case let judge?: return .judge(judge)
        case nil:
            let type = config.judge(named: name)?.type
            let why = type.map { "a \($0) judge cannot gate one answer" } ?? "no judge of that name"
            state.problem(location + ".judge", "'\(name)': \(why)")
            return nil
        }
    }

    /// The score judge (or rubric or verifier) called `name`, for systems that score candidates.
    func scoringJudge(_ name: String, threshold: Double?, _ location: String, _ state: inout BuildState) -> (any Judge)? {
        guard case .judge(let judge)? = judgeGate(name, threshold: threshold, location, &state) else { return nil }
        return judge
    }
}

/// Compiles a pattern once to check it at configuration time.
enum NSRegularExpressionCheck {
    static func compile(_ pattern: String) throws -> Bool {
        _ = try NSRegularExpression(pattern: pattern)
        return true
    }
}
