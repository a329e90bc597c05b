/// What a `judges:` entry's `type:` names.
public enum JudgeKind: String, Sendable, Hashable, CaseIterable {
    case score, pairwise, rubric, verifier, agreement, human

    /// The kinds that score one answer: they gate, pick the best candidate, and score a run.
    public static let scoring: Set<JudgeKind> = [.score, .rubric, .verifier]
}

extension JudgeConfig {
    /// `type` as a kind; `nil` for a word the validator rejects.
    public var kind: JudgeKind? { JudgeKind(rawValue: type) }
}
