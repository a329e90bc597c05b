import Foundation
import QuorumCore
import QuorumEvaluation

/// The analysis views CoEval users expect beside the leaderboards, each a `CoEvalTable` for the
/// HTML report and a CSV file: score distributions, student / teacher / judge reports, the teacher ×
/// student matrix, judge consistency and drift, attribute coverage, and a robust summary.
///
/// Scores are the analysis's: grades count High = 1, Medium = 0.5, Low = 0, and a response's score
/// is the mean over criteria of the mean over its judges (the ensemble).
public struct CoEvalViews: Sendable {
    public var artifacts: CoEvalArtifacts
    public var analysis: CoEvalAnalysis
    /// Consecutive windows each judge's evaluations are split into (in item order) for drift.
    public var windows: Int
    /// The robust summary keeps a (response, criterion) unit when at least this share of the kept
    /// judges that graded it gave the same grade.
    public var agreementThreshold: Double

    let table: CoEvalGradeTable
    let scores: [String: Double]

    public init(artifacts: CoEvalArtifacts, analysis: CoEvalAnalysis, windows: Int = 4, agreementThreshold: Double = 2.0 / 3) {
        self.artifacts = artifacts
        self.analysis = analysis
        self.windows = max(1, windows)
        self.agreementThreshold = agreementThreshold
        table = CoEvalGradeTable(artifacts.evaluations)
        scores = table.responseScores(ensemble: table.ensemble())
    }

    /// Every view, in the order the report shows them.
    public var tables: [CoEvalTable] {
        [
            scoreDistribution(), gradeDistribution(), studentReport(), teacherReport(), judgeReport(), teacherStudentMatrix(),
            judgeConsistency(), judgeDrift(), attributeCoverage(), robustSummary(),
        ]
    }

    /// Per student: how its responses' scores spread, in fifths of the 0…1 scale.
    func scoreDistribution() -> CoEvalTable {
        let bins = ["0–0.2", "0.2–0.4", "0.4–0.6", "0.6–0.8", "0.8–1"]
        let rows = analysis.students.map { student -> [CoEvalTable.Cell] in
            let values = responseScores(of: student)
            var counts = [Int](repeating: 0, count: bins.count)
            for value in values { counts[min(bins.count - 1, Int(value * Double(bins.count)))] += 1 }
            return [.text(student), .count(values.count), .number(Self.median(values))] + counts.map { .count($0) }
        }
        return CoEvalTable(
            name: "score-distribution", title: "Score distribution per student",
            note: "Responses per fifth of the 0–1 ensemble score (the top bin includes 1).",
            columns: ["student", "responses", "median"] + bins, rows: rows)
    }

    /// Per judge: how many of each grade it gave.
    func gradeDistribution() -> CoEvalTable {
        let rows = analysis.judges.map { judge -> [CoEvalTable.Cell] in
            let grades = artifacts.evaluations.filter { $0.judge == judge }.flatMap { $0.scores.values }
            let counts = CoEvalGrade.allCases.map { grade in grades.count { $0 == grade } }
            return [.text(judge), .count(grades.count)] + counts.map { .count($0) }
                + [.number(grades.isEmpty ? nil : Double(counts[0]) / Double(grades.count))]
        }
        return CoEvalTable(
            name: "grade-distribution", title: "Grades given per judge",
            columns: ["judge", "grades", "High", "Medium", "Low", "share High"], rows: rows)
    }

    /// Per student: answers, mean score, cost and speed.
    func studentReport() -> CoEvalTable {
        let overall = analysis.leaderboard()
        let rows = analysis.students.map { student -> [CoEvalTable.Cell] in
            let own = artifacts.responses.filter { $0.student == student }
            let standing = overall?.standings.first { $0.student == student }
            let latency = own.isEmpty ? nil : own.map(\.latency).reduce(0, +) / Double(own.count)
            let tokens = own.isEmpty ? nil : Double(own.map(\.usage.completionTokens).reduce(0, +)) / Double(own.count)
            return [
                .text(student), .count(standing?.rank), .count(own.count), .count(standing?.items ?? 0),
                .number(standing?.mean), .text(own.map(\.cost).sum().formatted), .number(latency), .number(tokens),
            ]
        }
        return CoEvalTable(
            name: "student-report", title: "Students",
            columns: ["student", "rank", "responses", "graded", "mean", "cost", "mean latency s", "mean completion tokens"], rows: rows)
    }

    /// Per teacher: what it wrote and how students fared on it.
    func teacherReport() -> CoEvalTable {
        let rows = analysis.teachers.map { teacher -> [CoEvalTable.Cell] in
            let items = artifacts.items.filter { $0.teacher == teacher }
            let quality = analysis.teacherQuality.first { $0.teacher == teacher }
            let answered = artifacts.responses.count { $0.teacher == teacher }
            return [
                .text(teacher), .count(items.count), .text(items.map(\.cost).sum().formatted), .count(answered),
                .count(quality?.gradedResponses ?? 0), .number(quality?.meanScore), .number(quality?.variance),
                .number(quality?.discrimination),
            ]
        }
        return CoEvalTable(
            name: "teacher-report", title: "Teachers",
            columns: ["teacher", "items", "cost", "responses", "graded", "mean score", "variance (V1)", "discrimination"],
            rows: rows)
    }

    /// Per judge: volume, leniency, agreement with the others, and consistency with the ensemble.
    func judgeReport() -> CoEvalTable {
        let consistency = Dictionary(judgeConsistencyRows().map { ($0.judge, $0) }, uniquingKeysWith: { first, _ in first })
        let rows = analysis.judges.map { judge -> [CoEvalTable.Cell] in
            let own = artifacts.evaluations.filter { $0.judge == judge }
            let profile = analysis.agreement.profiles.first { $0.judge == judge }
            return [
                .text(judge), .count(own.count), .count(profile?.grades ?? 0), .number(profile?.meanGrade),
                .number(profile?.weightedAgreement), .number(consistency[judge]?.spearman),
                .number(consistency[judge]?.drift), .text(own.map(\.cost).sum().formatted),
            ]
        }
        return CoEvalTable(
            name: "judge-report", title: "Judges",
            note: "Agreement: CoEval's WPA with the other judges. Spearman: of the judge's student means with the ensemble's. "
                + "Drift: mean grade in the last window of items minus the first.",
            columns: ["judge", "evaluations", "grades", "mean grade", "agreement (WPA)", "Spearman vs ensemble", "drift", "cost"],
            rows: rows)
    }

    /// Teachers down, students across: each student's mean score on that teacher's items.
    func teacherStudentMatrix() -> CoEvalTable {
        let rows = analysis.teachers.map { teacher -> [CoEvalTable.Cell] in
            [.text(teacher)] + analysis.students.map { student in
                let values = scores.keys.sorted().compactMap { id -> Double? in
                    guard let subject = table.subjects[id], subject.teacher == teacher, subject.student == student else { return nil }
                    return scores[id]
                }
                return .number(values.isEmpty ? nil : values.reduce(0, +) / Double(values.count))
            }
        }
        return CoEvalTable(
            name: "teacher-student", title: "Teacher × student",
            note: "Mean ensemble score of each student on each teacher's items: a teacher whose row is flat does not separate students.",
            columns: ["teacher"] + analysis.students, rows: rows)
    }

    /// The ensemble scores of `student`'s graded responses, in response order.
    func responseScores(of student: String) -> [Double] {
        scores.keys.sorted().compactMap { id in table.subjects[id]?.student == student ? scores[id] : nil }
    }

    static func median(_ values: [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted(), middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }
}
