import QuorumCore
import QuorumOrchestration

/// Scores with one of the orchestration layer's judges: a verifier (accuracy) or a score or
/// rubric judge (mean score). The verdict, with any judge calls, joins the item's trace.
public struct JudgeScorer: Scorer {
    public var judge: any Judge
    public var measure: QualityMeasure
    public var label: String

    public init(judge: any Judge, measure: QualityMeasure, label: String? = nil) {
        self.judge = judge
        self.measure = measure
        self.label = label ?? "judge:\(judge.name)"
    }

    /// A verifier of `kind` against each item's reference (`auto`, `exact`, `numeric`, `code`, …).
    public static func verifier(_ kind: Verifier.Kind, named name: String) -> JudgeScorer {
        JudgeScorer(judge: VerifierJudge(name: name, verifier: Verifier(kind)), measure: .accuracy, label: "verifier:\(name)")
    }

    public func score(_ answer: Answer, for question: Question, in context: RunContext) async throws -> ItemScore {
        let verdict = try await judge.verdict(on: answer.text, to: question, in: context)
        return ItemScore(score: verdict.score, passed: verdict.passed, trace: verdict.node())
    }
}
