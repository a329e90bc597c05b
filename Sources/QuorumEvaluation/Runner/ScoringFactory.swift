import QuorumCore
import QuorumOrchestration

/// Builds the experiment's scorer from `experiment.scoring`.
public enum ScoringFactory {
    /// The scorer `scoring` asks for, or `nil` when the experiment is unscored. `judges` are the
    /// config's built judges (`SystemFactory.Catalog.judges`).
    /// Throws `QuorumError(.configuration)` for an unknown verifier or judge.
    public static func scorer(for config: QuorumConfig, judges: [String: any Judge]) throws -> (any Scorer)? {
        guard let scoring = config.experiment?.scoring else { return nil }
        if let name = scoring.verifier {
            return JudgeScorer.verifier(try verifierKind(name, tolerance: scoring.tolerance ?? 1e-6), named: name)
        }
        if let name = scoring.judge {
            guard let judge = judges[name] else {
                let kind = config.judge(named: name)?.type
                let reason = kind == "pairwise"
                    ? "is pairwise; compare systems with `quorum compare`, and score runs with a score, rubric or verifier judge"
                    : "is not a configured score, rubric or verifier judge"
                throw QuorumError(.configuration, "experiment.scoring.judge '\(name)' \(reason)")
            }
            let measure: QualityMeasure = judge is VerifierJudge ? .accuracy : .meanScore
            return JudgeScorer(judge: judge, measure: measure)
        }
        return nil
    }

    /// The reference-based verifiers a run can score with; `regex` and `json-schema` need their
    /// own settings, so they are configured as a `verifier` judge and named in `scoring.judge`.
    static func verifierKind(_ name: String, tolerance: Double) throws -> Verifier.Kind {
        switch name {
        case "auto": return .auto(tolerance: tolerance)
        case "exact": return .exact
        case "normalized": return .normalized
        case "numeric": return .numeric(tolerance: tolerance)
        case "choice": return .choice
        case "contains": return .contains
        case "code": return .code(tests: nil, limits: CodeRunner.Limits())
        default:
            throw QuorumError(
                .configuration,
                "experiment.scoring.verifier '\(name)': use auto, exact, normalized, numeric, choice, contains or code "
                    + "(for regex or json-schema, define a verifier judge and set scoring.judge)")
        }
    }
}
