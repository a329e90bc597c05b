/// Phase 2's result for one task: the criteria judges score every answer on.
public struct CoEvalRubric: Sendable, Hashable, Codable {
    public var task: String
    /// The teacher that proposed it; `nil` for a YAML rubric or the merge across teachers.
    public var teacher: String?
    /// In the order judges see them.
    public var criteria: [CoEvalCriterion]

    public init(task: String, teacher: String? = nil, criteria: [CoEvalCriterion]) {
        self.task = task
        self.teacher = teacher
        self.criteria = criteria
    }
}

/// One rubric criterion, e.g. `accuracy: "The answer is factually correct."`.
public struct CoEvalCriterion: Sendable, Hashable, Codable {
    public var name: String
    public var description: String
    /// The metric that scores it instead of LLM judges (`exact_match`, `bleu`, …); `nil` for judges.
    public var metric: String?

    public init(name: String, description: String, metric: String? = nil) {
        self.name = name
        self.description = description
        self.metric = metric
    }
}
