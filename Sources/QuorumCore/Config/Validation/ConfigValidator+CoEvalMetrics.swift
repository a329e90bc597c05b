extension CoEvalVocabulary {
    /// What a rubric criterion's `metric:` may name: scorers that need no LLM.
    public static let metrics = ["exact_match", "contains", "numeric", "bleu", "rouge-l", "code-tests"]
}

extension CoEvalTaskConfig {
    /// The criteria written with `metric:`, in rubric order (none for an `auto` rubric).
    public var metricCriteria: [CoEvalNamedText] { (rubric?.given ?? []).filter { $0.metric != nil } }

    /// Whether LLM judges have anything to grade on this task: a rubric to propose, a criterion
    /// without `metric:`. A task whose every criterion is a metric (or a label) needs no judge.
    public var needsLLMJudges: Bool {
        guard let given = rubric?.given else { return true }
        return given.contains { $0.metric == nil }
    }
}

extension ConfigValidator {
    /// `metric:` on rubric criteria and `label_attributes:`: known metric names, labels that are target attributes.
    mutating func checkMetrics(_ task: CoEvalTaskConfig, at path: String) {
        for criterion in task.metricCriteria {
            checkWord(criterion.metric, in: CoEvalVocabulary.metrics, at: "\(path).rubric.\(criterion.name).metric", what: "metric")
        }
        guard let labels = task.labelAttributes else { return }
        if labels.isEmpty { error("\(path).label_attributes", "needs at least one target attribute, or leave it out") }
        var seen: Set<String> = []
        for (index, label) in labels.enumerated() {
            let at = "\(path).label_attributes[\(index)]"
            if !seen.insert(label).inserted { error(at, "'\(label)' is listed twice") }
            // An `auto` map is only known after phase 1: the label must be one of the attributes teachers propose.
            guard let target = task.targetAttributes?.given else {
                if task.targetAttributes == nil {
                    error(at, "a label is a target attribute, and the task has no target_attributes")
                } else {
                    warning(at, "target_attributes is auto: items are scored on '\(label)' only if teachers propose an attribute of that name")
                }
                continue
            }
            checkReference(label, among: target.map(\.name), at: at, what: "target attribute")
        }
    }
}
