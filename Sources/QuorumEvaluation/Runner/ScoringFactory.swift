import QuorumCore

/// Builds the experiment's scorer from `experiment.scoring`.
public enum ScoringFactory {
    /// The scorer `scoring` asks for, or `nil` when the experiment is unscored.
    /// Throws `QuorumError(.configuration)` for a verifier or judge this build cannot make.
    public static func scorer(for config: QuorumConfig) throws -> (any Scorer)? {
        guard let scoring = config.experiment?.scoring else { return nil }
        if let name = scoring.verifier {
            guard let kind = ReferenceVerifier.Kind(rawValue: name) else {
                throw QuorumError(
                    .configuration, "verifier '\(name)' is not available to quorum run yet; use auto, exact, normalized, contains or numeric")
            }
            return ReferenceVerifier(kind: kind, tolerance: scoring.tolerance ?? 1e-6)
        }
        if let judge = scoring.judge {
            throw QuorumError(.configuration, "judge scoring ('\(judge)') needs the orchestration layer's judges")
        }
        return nil
    }
}
