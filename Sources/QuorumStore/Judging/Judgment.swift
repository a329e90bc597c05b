import Foundation

/// Who gave a judgment.
public enum JudgmentKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// A person, through a judging file.
    case human
    /// An LLM judge scoring with the same rubric.
    case llm
}

/// One judge's rubric scores for one (system, item) cell of a run: who judged, with which rubric,
/// what they gave, and which candidate text they saw.
public struct Judgment: Sendable, Hashable, Codable {
    public var runID: String
    public var system: String
    public var itemID: String
    /// A person's name, or an LLM judge's configured name.
    public var judge: String
    public var kind: JudgmentKind
    /// The rubric's label, `id@version`.
    public var rubric: String
    /// By criterion name, on each criterion's own scale.
    public var scores: [String: Double]
    public var flags: [String: Bool]
    /// The rubric's composite of `scores` and `flags`.
    public var composite: Double
    public var comment: String?
    /// SHA-256 (lowercase hex) of the candidate answer judged: a later answer of the same cell is
    /// not covered by this judgment.
    public var candidateSHA256: String
    public var judgedAt: Date

    public init(
        runID: String, system: String, itemID: String, judge: String, kind: JudgmentKind, rubric: String,
        scores: [String: Double], flags: [String: Bool], composite: Double, comment: String? = nil,
        candidateSHA256: String, judgedAt: Date
    ) {
        self.runID = runID
        self.system = system
        self.itemID = itemID
        self.judge = judge
        self.kind = kind
        self.rubric = rubric
        self.scores = scores
        self.flags = flags
        self.composite = composite
        self.comment = comment
        self.candidateSHA256 = candidateSHA256
        self.judgedAt = judgedAt
    }

    /// Whether `other` says the same about the same cell, whenever each was given.
    public func hasSameContent(as other: Judgment) -> Bool {
        var other = other
        other.judgedAt = judgedAt
        return self == other
    }
}
