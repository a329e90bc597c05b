import Foundation
@testable import QuorumCoEval
import Testing

/// The views over `GradedCoEvalRun`, whose response scores were worked out by hand: S1 scores 1,
/// 0.875, 1 on qa.T1.1, qa.T1.2, qa.T2.1; S2 0.625, 0.375, 0.875; S3 0.125, 0, 0.625.
@Suite("CoEval analysis views")
struct CoEvalViewsTests {
    static let artifacts = GradedCoEvalRun.artifacts()
    static let views = CoEvalViews(artifacts: artifacts, analysis: CoEvalAnalysis(artifacts: artifacts))

    static func rows(_ table: CoEvalTable) -> [String: [CoEvalTable.Cell]] {
        Dictionary(uniqueKeysWithValues: table.rows.map { row in
            guard case .text(let key) = row[0] else { return ("?", row) }
            return (key, Array(row.dropFirst()))
        })
    }

    @Test("the teacher × student matrix holds each student's mean score on each teacher's items")
    func interactionMatrix() {
        let table = Self.views.teacherStudentMatrix()
        #expect(table.columns == ["teacher", "S1", "S2", "S3"])
        #expect(Self.rows(table)["T1"] == [.number(0.9375), .number(0.5), .number(0.0625)])
        #expect(Self.rows(table)["T2"] == [.number(1), .number(0.875), .number(0.625)])
    }

    @Test("score and grade distributions count per bin and per grade")
    func distributions() {
        #expect(Self.rows(Self.views.scoreDistribution())["S1"] == [.count(3), .number(1), .count(0), .count(0), .count(0), .count(0), .count(3)])
        #expect(Self.rows(Self.views.scoreDistribution())["S3"] == [.count(3), .number(0.125), .count(2), .count(0), .count(0), .count(1), .count(0)])
        #expect(Self.rows(Self.views.gradeDistribution())["J1"] == [.count(18), .count(9), .count(6), .count(3), .number(0.5)])
    }

    // J1's evaluation means in item order: 1, .75, .25 | .75, .5 | 0, 1 | 1, .75 (9 in 4 windows of 3, 2, 2, 2).
    @Test("judge drift averages windows of items in item order")
    func drift() throws {
        let j1 = try #require(Self.views.judgeConsistencyRows().first { $0.judge == "J1" })
        let expected = [2.0 / 3, 0.625, 0.5, 0.875]
        #expect(zip(j1.windowMeans, expected).allSatisfy { abs($0! - $1) < 1e-12 })
        #expect(abs(j1.drift! - (0.875 - 2.0 / 3)) < 1e-12)
        #expect(j1.students == 3 && j1.spearman == 1)
        #expect(CoEvalViews.windowMeans([1, 2, 3], windows: 4) == [1, 2, 3, nil])
    }

    // J1 and J2 share one WPA; the tie goes to J1 by name, so the robust means are J1's own grades.
    @Test("the robust summary keeps the better-agreeing half of the judges and the units they agree on")
    func robust() {
        #expect(Self.views.robustJudges == ["J1"])
        let table = Self.views.robustSummary()
        #expect(table.rows.map { $0[0] } == [.text("S1"), .text("S2"), .text("S3")])
        let robust = table.rows.compactMap { row -> Double? in if case .number(let value) = row[2] { value } else { nil } }
        #expect(zip(robust, [11.0 / 12, 0.75, 1.0 / 3]).allSatisfy { abs($0 - $1) < 1e-12 })
        // A third judge grading everything Low falls out; J1 and J2 must then agree exactly: 7 accuracy
        // units, 5 clarity units (one of them graded by J1 alone) of 18.
        var three = Self.artifacts
        three.evaluations += Self.artifacts.evaluations.filter { $0.judge == "J1" }.map { e in
            CoEvalEvaluation(
                responseID: e.responseID, itemID: e.itemID, task: e.task, teacher: e.teacher, student: e.student, judge: "J3",
                scores: e.scores.mapValues { _ in .low })
        }
        let strict = CoEvalViews(artifacts: three, analysis: CoEvalAnalysis(artifacts: three), agreementThreshold: 1)
        #expect(strict.robustJudges == ["J1", "J2"])
        #expect(strict.robustUnits().count == 12)
    }

    @Test("attribute coverage counts the items written with each value, zero included")
    func attributeCoverage() {
        let rows = Self.views.attributeCoverage().rows
        #expect(rows.count == 4)
        #expect(rows[0] == [.text("qa"), .text("target"), .text("difficulty"), .text("easy"), .count(3), .number(1)])
        #expect(rows[1] == [.text("qa"), .text("target"), .text("difficulty"), .text("hard"), .count(0), .number(0)])
    }

    @Test("every table is written as CSV with its header and rows, quoted where needed")
    func csvFiles() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("coeval-csv-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let files = try Self.views.allTables.writeCSV(to: directory)
        #expect(Set(files.map(\.lastPathComponent)).isSuperset(of: [
            "leaderboards.csv", "judge-agreement.csv", "teacher-quality.csv", "coverage.csv", "score-distribution.csv",
            "grade-distribution.csv", "student-report.csv", "teacher-report.csv", "judge-report.csv", "teacher-student.csv",
            "judge-consistency.csv", "judge-drift.csv", "attribute-coverage.csv", "robust-summary.csv",
        ]))
        let matrix = try String(contentsOf: directory.appendingPathComponent("teacher-student.csv"), encoding: .utf8)
        #expect(matrix == "teacher,S1,S2,S3\r\nT1,0.9375,0.5,0.0625\r\nT2,1.0,0.875,0.625\r\n")
        let board = try String(contentsOf: directory.appendingPathComponent("leaderboards.csv"), encoding: .utf8)
        #expect(board.hasPrefix("task,criterion,rank,student,mean,lower 95%,upper 95%,items\r\nall,all,1,S1,"))
        #expect(CoEvalTable.quoted("a,\"b\"") == "\"a,\"\"b\"\"\"")
    }

    @Test("the report shows every view as a section table")
    func reportSections() {
        let html = CoEvalReport(analysis: Self.views.analysis, artifacts: Self.artifacts).rendered()
        // The header and cells are plain HTML (an interpolation typed as anything but String would show).
        #expect(Self.views.teacherStudentMatrix().html.contains(
            "<thead><tr><th>teacher</th><th class=\"num\">S1</th><th class=\"num\">S2</th><th class=\"num\">S3</th></tr></thead>"
                + "<tbody><tr><td>T1</td><td class=\"num\">0.938</td>"))
        #expect(!html.contains("GRDB"))
        for name in ["teacher-student", "robust-summary", "judge-drift", "judge-consistency", "attribute-coverage", "judge-report"] {
            #expect(html.contains("id=\"\(name)\""), "\(name)")
        }
    }
}
