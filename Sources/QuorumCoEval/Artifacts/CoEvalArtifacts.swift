/// Everything a CoEval run has produced so far, phase by phase: the input of analyses,
/// `quorum coeval export` and the report.
public struct CoEvalArtifacts: Sendable, Hashable, Codable {
    public var runID: String
    /// Phase 1, one per task (per teacher when teachers proposed them, plus the merged map).
    public var attributes: [CoEvalAttributeMap]
    /// Phase 2, one per task (per teacher when teachers proposed them, plus the merged rubric).
    public var rubrics: [CoEvalRubric]
    public var items: [CoEvalItem]
    public var responses: [CoEvalResponse]
    public var evaluations: [CoEvalEvaluation]

    public init(
        runID: String, attributes: [CoEvalAttributeMap] = [], rubrics: [CoEvalRubric] = [],
        items: [CoEvalItem] = [], responses: [CoEvalResponse] = [], evaluations: [CoEvalEvaluation] = []
    ) {
        self.runID = runID
        self.attributes = attributes
        self.rubrics = rubrics
        self.items = items
        self.responses = responses
        self.evaluations = evaluations
    }

    /// The rubric judges used for `task`: the merged one (`teacher == nil`) when present.
    public func rubric(forTask task: String) -> CoEvalRubric? {
        rubrics.first { $0.task == task && $0.teacher == nil } ?? rubrics.first { $0.task == task }
    }

    /// The attribute map items of `task` were sampled from: the merged one when present.
    public func attributeMap(forTask task: String) -> CoEvalAttributeMap? {
        attributes.first { $0.task == task && $0.teacher == nil } ?? attributes.first { $0.task == task }
    }
}
