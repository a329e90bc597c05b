import Foundation
import QuorumCore

@testable import QuorumCoEval

/// A small, hand-graded CoEval run: one task `qa` (criteria accuracy, clarity), teachers T1 (two
/// items) and T2 (one), students S1–S3 answering everything, judges J1 and J2 grading
/// everything except J2 skipping clarity on S3's answer to qa.T1.2. Expected figures in the tests
/// were worked out by hand (and checked with scipy and the `krippendorff` package).
enum GradedCoEvalRun {
    static let date = Date(timeIntervalSince1970: 1_764_000_000)  // 2025-11-24T16:00:00Z

    /// (item, student) → (J1 accuracy, J1 clarity, J2 accuracy, J2 clarity); `nil` = not graded.
    static let grades: [(String, String, CoEvalGrade, CoEvalGrade, CoEvalGrade, CoEvalGrade?)] = [
        ("qa.T1.1", "S1", .high, .high, .high, .high),
        ("qa.T1.1", "S2", .medium, .high, .medium, .medium),
        ("qa.T1.1", "S3", .low, .medium, .low, .low),
        ("qa.T1.2", "S1", .high, .medium, .high, .high),
        ("qa.T1.2", "S2", .medium, .medium, .low, .medium),
        ("qa.T1.2", "S3", .low, .low, .low, nil),
        ("qa.T2.1", "S1", .high, .high, .high, .high),
        ("qa.T2.1", "S2", .high, .high, .high, .medium),
        ("qa.T2.1", "S3", .high, .medium, .medium, .medium),
    ]

    static func artifacts() -> CoEvalArtifacts {
        let items = [("qa.T1.1", "T1"), ("qa.T1.2", "T1"), ("qa.T2.1", "T2")].map { id, teacher in
            CoEvalItem(
                id: id, task: "qa", teacher: teacher, prompt: "Question \(id)?", referenceResponse: "Answer \(id).",
                sampledTarget: ["difficulty": "easy"], sampledNuanced: ["tone": "formal"], cost: USD(Decimal(string: "0.01")!),
                createdAt: date)
        }
        var responses: [CoEvalResponse] = []
        var evaluations: [CoEvalEvaluation] = []
        for (itemID, student, j1Accuracy, j1Clarity, j2Accuracy, j2Clarity) in grades {
            let teacher = itemID.contains("T1") ? "T1" : "T2"
            let response = CoEvalResponse(
                itemID: itemID, task: "qa", teacher: teacher, student: student, text: "\(student) answers \(itemID)",
                usage: Usage(promptTokens: 10, completionTokens: 5), cost: USD(Decimal(string: "0.001")!), latency: 0.5,
                createdAt: date)
            responses.append(response)
            var j2: [String: CoEvalGrade] = ["accuracy": j2Accuracy]
            if let j2Clarity { j2["clarity"] = j2Clarity }
            for (judge, scores) in [("J1", ["accuracy": j1Accuracy, "clarity": j1Clarity]), ("J2", j2)] {
                evaluations.append(
                    CoEvalEvaluation(
                        responseID: response.id, itemID: itemID, task: "qa", teacher: teacher, student: student, judge: judge,
                        scores: scores, cost: USD(Decimal(string: "0.0005")!), createdAt: date))
            }
        }
        return CoEvalArtifacts(
            runID: "coeval-1",
            attributes: [
                CoEvalAttributeMap(
                    task: "qa", target: [CoEvalAttribute(name: "difficulty", values: ["easy", "hard"])],
                    nuanced: [CoEvalAttribute(name: "tone", values: ["formal", "casual"])])
            ],
            rubrics: [
                CoEvalRubric(
                    task: "qa",
                    criteria: [
                        CoEvalCriterion(name: "accuracy", description: "The answer is correct."),
                        CoEvalCriterion(name: "clarity", description: "The answer is clear."),
                    ])
            ],
            items: items, responses: responses, evaluations: evaluations)
    }
}
