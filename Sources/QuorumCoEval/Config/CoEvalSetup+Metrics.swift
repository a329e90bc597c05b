import QuorumCore

extension CoEvalSetup {
    /// The criteria of `rubric` that a metric scores: the stored rubric's `metric`, else the one the
    /// config writes for a criterion of the same name (so a metric added to the YAML later applies).
    func metricCriteria(of task: CoEvalTaskConfig, rubric: CoEvalRubric) -> [(name: String, metric: CoEvalMetric)] {
        let written = Dictionary((task.rubric?.given ?? []).map { ($0.name, $0.metric) }, uniquingKeysWith: { first, _ in first })
        return rubric.criteria.compactMap { criterion in
            (criterion.metric ?? written[criterion.name] ?? nil).flatMap(CoEvalMetric.init(rawValue:)).map { (criterion.name, $0) }
        }
    }

    /// The rubric LLM judges see: every criterion no metric scores (empty when metrics score them all).
    func judgedRubric(of task: CoEvalTaskConfig, rubric: CoEvalRubric) -> CoEvalRubric {
        let scored = Set(metricCriteria(of: task, rubric: rubric).map(\.name))
        var judged = rubric
        judged.criteria.removeAll { scored.contains($0.name) }
        return judged
    }

    /// The criterion a label attribute is scored under (`label:sentiment`).
    public static func labelCriterion(_ attribute: String) -> String { "label:\(attribute)" }

    /// Evaluations a complete run holds per response of `task`: one per LLM judge when judges have
    /// criteria to grade, one per metric, one for labels.
    func evaluationsPerResponse(_ task: CoEvalTaskConfig) -> Int {
        let metrics = Set(task.metricCriteria.compactMap(\.metric)).count
        return (task.needsLLMJudges ? judges.count : 0) + metrics + ((task.labelAttributes ?? []).isEmpty ? 0 : 1)
    }
}
