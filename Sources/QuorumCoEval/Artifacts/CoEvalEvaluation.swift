import Foundation
import QuorumCore

/// Phase 5's unit: one judge's grades for one student response, one grade per rubric criterion.
public struct CoEvalEvaluation: Sendable, Hashable, Codable {
    /// `{responseID}.{judge}`.
    public var id: String
    public var responseID: String
    public var itemID: String
    public var task: String
    public var teacher: String
    public var student: String
    public var judge: String
    /// Criterion name → grade. A criterion the judge's reply did not grade is absent.
    public var scores: [String: CoEvalGrade]
    /// What grading cost (one call in `single` mode, one per criterion in `per_factor`).
    public var cost: USD
    public var createdAt: Date
    /// A metric judge's raw score per criterion (0…1) before it became a grade; `nil` for LLM judges.
    public var metricValues: [String: Double]?
    /// The label judge's reading of the reply per label attribute (`nil` for every other judge).
    public var predictedLabels: [String: String]?

    public init(
        responseID: String, itemID: String, task: String, teacher: String, student: String, judge: String,
        scores: [String: CoEvalGrade], cost: USD = .zero, createdAt: Date = Date()
    ) {
        self.id = "\(responseID).\(judge)"
        self.responseID = responseID
        self.itemID = itemID
        self.task = task
        self.teacher = teacher
        self.student = student
        self.judge = judge
        self.scores = scores
        self.cost = cost
        self.createdAt = createdAt
    }

    /// The mean grade over the criteria this judge graded, or `nil` when it graded none.
    public var meanScore: Double? {
        guard !scores.isEmpty else { return nil }
        return scores.values.map(\.value).reduce(0, +) / Double(scores.count)
    }
}
