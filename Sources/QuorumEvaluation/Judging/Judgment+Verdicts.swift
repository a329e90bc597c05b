import QuorumOrchestration
import QuorumProviders
import QuorumStore

extension Judgment {
    /// The rubric verdicts a run's LLM judge gave its answers, as judgments (kind `.llm`), to set
    /// beside people's: one per answered item scored by a judge with a rubric of `rubrics:`.
    ///
    /// Read from each item's trace, whose last node is the scoring verdict (the runner appends it
    /// there); verdicts a gate gave intermediate answers are not the final answer's and are left out.
    public static func rubricVerdicts(of items: [ItemRecord]) -> [Judgment] {
        items.compactMap { item in
            guard item.status == .answered, let answer = item.answer, let node = item.trace?.children.last,
                node.kind == .verdict, let verdict = node.verdict, let rubric = verdict.rubric,
                let scores = verdict.criteria, let composite = verdict.composite
            else { return nil }
            return Judgment(
                runID: item.runID, system: item.system, itemID: item.itemID, judge: verdict.judge, kind: .llm,
                rubric: rubric, scores: scores, flags: verdict.flags ?? [:], composite: composite,
                candidateSHA256: TextDigest.sha256(answer), judgedAt: item.updatedAt)
        }
    }
}
