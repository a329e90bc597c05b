import QuorumCore
import QuorumOrchestration

/// What scoring concluded about one answer.
public struct ItemScore: Sendable, Hashable {
    /// Normalized 0…1: a verifier gives 1 or 0, a judge its score.
    public var score: Double?
    public var passed: Bool?
    /// The verdict and any judge calls, appended to the item's trace.
    public var trace: TraceNode

    public init(score: Double?, passed: Bool?, trace: TraceNode) {
        self.score = score
        self.passed = passed
        self.trace = trace
    }
}

/// Scores a system's final answer to an item: a verifier against the reference, or a judge.
///
/// Judge calls go through `context` (role `.judge`) so they are budgeted, journaled and replayed
/// like answer calls. Throws `QuorumError` when no score could be made.
public protocol Scorer: Sendable {
    /// How the run reports quality: `accuracy` (verifiers: share passed) or `mean score` (judges).
    var measure: QualityMeasure { get }
    /// `verifier:auto`, `judge:gpt4-judge`: what the run record says scored it.
    var label: String { get }

    func score(_ answer: Answer, for question: Question, in context: RunContext) async throws -> ItemScore
}

/// How a run's quality is summarized.
public enum QualityMeasure: String, Sendable, Hashable, Codable {
    /// Share of items passed, with a 95% Wilson interval.
    case accuracy
    /// Mean of 0…1 scores.
    case meanScore = "mean_score"
}
