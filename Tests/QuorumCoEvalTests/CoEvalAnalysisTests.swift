import Foundation
import QuorumCore
import QuorumEvaluation
import Testing

@testable import QuorumCoEval

@Suite("CoEval analysis")
struct CoEvalAnalysisTests {
    let analysis = CoEvalAnalysis(artifacts: GradedCoEvalRun.artifacts(), bootstrap: Bootstrap(resamples: 500, seed: 7))

    @Test("the overall leaderboard ranks students by their mean ensemble grade per item")
    func overallLeaderboard() throws {
        let board = try #require(analysis.leaderboard())
        #expect(board.standings.map(\.student) == ["S1", "S2", "S3"])
        #expect(board.standings.map(\.rank) == [1, 2, 3])
        let means = board.standings.map { $0.mean ?? -1 }
        #expect(abs(means[0] - 2.875 / 3) < 1e-12)
        #expect(abs(means[1] - 0.625) < 1e-12)
        #expect(abs(means[2] - 0.25) < 1e-12)
        #expect(board.standings.allSatisfy { $0.items == 3 })
    }

    @Test("intervals are a seeded bootstrap over the student's item scores")
    func intervals() throws {
        let s3 = try #require(analysis.leaderboard()?.standings.last)
        let expected = Bootstrap(resamples: 500, seed: 7).meanIntervals(of: [0.125, 0, 0.625])
        #expect(s3.interval == expected)
        let interval = try #require(s3.interval)
        #expect(interval.lower95 <= 0.25 && 0.25 <= interval.upper95 && interval.lower95 < interval.upper95)
    }

    @Test("per-criterion boards average each criterion's ensemble grade, skipped grades left out")
    func criterionBoards() throws {
        let accuracy = try #require(analysis.leaderboard(task: "qa", criterion: "accuracy"))
        #expect(accuracy.standings.map(\.student) == ["S1", "S2", "S3"])
        #expect(abs((accuracy.standings[1].mean ?? 0) - 1.75 / 3) < 1e-12)
        let clarity = try #require(analysis.leaderboard(task: "qa", criterion: "clarity"))
        // S3 on qa.T1.2: only J1 graded clarity (Low), so the ensemble grade is 0.
        #expect(abs((clarity.standings[2].mean ?? -1) - 0.25) < 1e-12)
        #expect(abs((clarity.standings[0].mean ?? -1) - 2.75 / 3) < 1e-12)
        #expect(analysis.leaderboards.map(\.title) == ["all tasks", "task qa", "task qa · accuracy", "task qa · clarity"])
    }

    @Test("equal means share a rank and the next rank is skipped")
    func ties() throws {
        var artifacts = GradedCoEvalRun.artifacts()
        // S2 copies S1's grades, so S1 and S2 tie for first.
        let s1 = artifacts.evaluations.filter { $0.student == "S1" }
        artifacts.evaluations.removeAll { $0.student == "S2" }
        for evaluation in s1 {
            let responseID = evaluation.responseID.replacingOccurrences(of: ".S1", with: ".S2")
            artifacts.evaluations.append(
                CoEvalEvaluation(
                    responseID: responseID, itemID: evaluation.itemID, task: "qa", teacher: evaluation.teacher, student: "S2",
                    judge: evaluation.judge, scores: evaluation.scores))
        }
        let board = try #require(CoEvalAnalysis(artifacts: artifacts).leaderboard())
        #expect(board.standings.map(\.rank) == [1, 1, 3])
        #expect(board.standings.map(\.student) == ["S1", "S2", "S3"])
    }

    @Test("judge pairs: correlations, exact and weighted agreement and kappa over shared units")
    func judgePairs() throws {
        let pair = try #require(analysis.agreement.pair("J2", "J1"))
        #expect(pair.sharedUnits == 17)
        #expect(abs((pair.exactAgreement ?? 0) - 11.0 / 17) < 1e-12)
        #expect(abs((pair.weightedAgreement ?? 0) - 14.0 / 17) < 1e-12)
        #expect(abs((pair.kappa ?? 0) - 40.0 / 91) < 1e-12)
        #expect(abs((pair.pearson ?? 0) - 0.7337503070586167) < 1e-9)  // scipy.stats.pearsonr
        #expect(abs((pair.spearman ?? 0) - 0.7082031529652263) < 1e-9)  // scipy.stats.spearmanr
        let profiles = analysis.agreement.profiles
        #expect(profiles.map(\.grades) == [18, 17])
        #expect(abs((profiles[0].meanGrade ?? 0) - 12.0 / 18) < 1e-12)
    }

    @Test("Krippendorff's alpha across judges, the unit J2 skipped counting as missing")
    func alpha() {
        // The `krippendorff` package on the same 18 units (one with a missing value) gives these.
        #expect(abs((analysis.agreement.alphaOrdinal ?? 0) - 0.6687675070028012) < 1e-9)
        #expect(abs((analysis.agreement.alphaInterval ?? 0) - 0.6944444444444444) < 1e-9)
        #expect(analysis.agreement.alphaUnits == 17)
        #expect(analysis.agreement.alphaNote == nil)
    }

    @Test("with one judge there is no alpha, and the analysis says why")
    func singleJudge() {
        var artifacts = GradedCoEvalRun.artifacts()
        artifacts.evaluations.removeAll { $0.judge == "J2" }
        let single = CoEvalAnalysis(artifacts: artifacts)
        #expect(single.agreement.pairs.isEmpty)
        #expect(single.agreement.alphaOrdinal == nil && single.agreement.alphaInterval == nil)
        #expect(single.agreement.alphaNote == "one judge: agreement needs at least two")
        #expect(single.warnings.contains("Judge agreement: one judge: agreement needs at least two."))
        #expect(single.leaderboard()?.standings.first?.student == "S1")
    }

    @Test("before phase 5 the boards list every student unranked and coverage shows the gap")
    func noEvaluations() throws {
        var artifacts = GradedCoEvalRun.artifacts()
        artifacts.evaluations = []
        let early = CoEvalAnalysis(artifacts: artifacts, roster: CoEvalAnalysis.Roster(judges: ["J1", "J2"]))
        let board = try #require(early.leaderboard())
        #expect(board.standings.map(\.student) == ["S1", "S2", "S3"])
        #expect(board.standings.allSatisfy { $0.rank == nil && $0.mean == nil && $0.items == 0 && $0.interval == nil })
        #expect(early.agreement.alphaNote == "no evaluations yet" || early.agreement.judges.isEmpty)
        #expect(early.coverage.tasks.first?.evaluations == 0)
        #expect(early.coverage.tasks.first?.expectedEvaluations == 18)
        #expect(early.warnings.first == "No evaluations yet: leaderboards and teacher quality are empty until phase 5 runs.")
        #expect(early.teacherQuality.allSatisfy { $0.variance == nil && $0.rank == nil })
    }

    @Test("teacher quality follows CoEval's V1, S2 and R3")
    func teacherQuality() throws {
        let t1 = try #require(analysis.teacherQuality.first { $0.teacher == "T1" })
        let t2 = try #require(analysis.teacherQuality.first { $0.teacher == "T2" })
        #expect(abs((t1.variance ?? 0) - 0.20052083333333331) < 1e-12)
        #expect(abs((t1.spread ?? 0) - 0.4477955262542641) < 1e-12)
        #expect(abs((t1.range ?? 0) - 0.875) < 1e-12)
        #expect(abs((t2.variance ?? 0) - 1.0 / 24) < 1e-12)
        #expect(abs((t2.range ?? 0) - 0.375) < 1e-12)
        #expect((t1.rank, t2.rank) == (1, 2))
        #expect((t1.items, t2.items, t1.gradedResponses) == (2, 1, 6))
        #expect(abs((t1.meanScore ?? 0) - 0.5) < 1e-12 && abs((t2.meanScore ?? 0) - 2.5 / 3) < 1e-12)
        #expect(t1.itemsByTask == ["qa": 2])
        // Corrected item-total correlations (scipy): qa.T1.1 0.99662, qa.T1.2 0.98061, qa.T2.1 0.98198.
        #expect(abs((t1.discrimination ?? 0) - 0.9886122339331262) < 1e-12)
        #expect(abs((t2.discrimination ?? 0) - 0.9819805060619657) < 1e-12)
    }

    @Test("a second task gets its own boards, joins the overall board item by item, and shows its gaps")
    func twoTasks() throws {
        var artifacts = GradedCoEvalRun.artifacts()
        artifacts.rubrics.append(CoEvalRubric(task: "code", criteria: [CoEvalCriterion(name: "correctness", description: "Runs.")]))
        artifacts.items.append(CoEvalItem(id: "code.T1.1", task: "code", teacher: "T1", prompt: "Write it.", referenceResponse: "done"))
        for (student, grade) in [("S1", CoEvalGrade.low), ("S2", .high), ("S3", .medium)] {
            let response = CoEvalResponse(itemID: "code.T1.1", task: "code", teacher: "T1", student: student, text: "code")
            artifacts.responses.append(response)
            artifacts.evaluations.append(
                CoEvalEvaluation(
                    responseID: response.id, itemID: "code.T1.1", task: "code", teacher: "T1", student: student, judge: "J1",
                    scores: ["correctness": grade]))
        }
        let both = CoEvalAnalysis(artifacts: artifacts)
        #expect(both.tasks == ["qa", "code"])
        #expect(both.leaderboards.map(\.title) == [
            "all tasks", "task qa", "task qa · accuracy", "task qa · clarity", "task code", "task code · correctness",
        ])
        #expect(both.leaderboard(task: "code")?.standings.map(\.student) == ["S2", "S3", "S1"])
        let overall = try #require(both.leaderboard())
        // S1: (1 + 0.875 + 1 + 0) / 4 and S2: (0.625 + 0.375 + 0.875 + 1) / 4 are both 0.71875.
        #expect(overall.standings.map(\.rank) == [1, 1, 3])
        #expect(overall.standings.map(\.mean) == [0.71875, 0.71875, 0.3125])
        #expect(overall.standings.allSatisfy { $0.items == 4 })
        // Units only J1 graded are not pairable: alpha stays as it was.
        #expect(abs((both.agreement.alphaOrdinal ?? 0) - 0.6687675070028012) < 1e-9)
        let t1 = try #require(both.teacherQuality.first { $0.teacher == "T1" })
        #expect(abs((t1.variance ?? 0) - (0.2552083333333333 + 0.1458333333333333 + 0.25) / 3) < 1e-12)
        #expect(t1.itemsByTask == ["qa": 2, "code": 1])
        #expect(both.warnings.contains("Task code: 3 of 6 evaluations missing."))
    }

    @Test("coverage counts each phase and sums cost per role and model exactly")
    func coverage() throws {
        let task = try #require(analysis.coverage.tasks.first)
        #expect((task.attributes, task.criteria, task.items, task.itemsByTeacher) == (2, 2, 3, ["T1": 2, "T2": 1]))
        #expect((task.responses, task.expectedResponses, task.evaluations, task.expectedEvaluations) == (9, 9, 18, 18))
        #expect(task.missingGrades == 1)
        let rows = analysis.coverage.models.map { "\($0.role.rawValue) \($0.model) \($0.produced)/\($0.expected ?? -1) \($0.cost.exactString)" }
        #expect(rows == [
            "teacher T1 2/-1 0.02", "teacher T2 1/-1 0.01", "student S1 3/3 0.003", "student S2 3/3 0.003",
            "student S3 3/3 0.003", "judge J1 9/9 0.0045", "judge J2 9/9 0.0045",
        ])
        #expect(analysis.coverage.totalCost == USD(Decimal(string: "0.048")!))
        #expect(analysis.warnings == ["Task qa: judges left 1 rubric grades blank; means are over the grades given."])
    }

    @Test("a judge grading its own answers is pointed out")
    func selfJudging() {
        var artifacts = GradedCoEvalRun.artifacts()
        for index in artifacts.evaluations.indices where artifacts.evaluations[index].student == "S1" && artifacts.evaluations[index].judge == "J1" {
            artifacts.evaluations[index].judge = "S1"
        }
        #expect(CoEvalAnalysis(artifacts: artifacts).warnings.contains(
            "3 evaluations are a judge grading its own answers (self-judging); they may favour that student."))
    }

    @Test("a configured student with no responses still shows, unranked, with its gap")
    func rosterStudent() throws {
        let withIdle = CoEvalAnalysis(artifacts: GradedCoEvalRun.artifacts(), roster: CoEvalAnalysis.Roster(students: ["S4"]))
        #expect(withIdle.students == ["S4", "S1", "S2", "S3"])
        let idle = try #require(withIdle.leaderboard()?.standings.last)
        #expect(idle.student == "S4" && idle.rank == nil)
        #expect(withIdle.coverage.tasks.first?.expectedResponses == 12)
    }

    @Test("the analysis round-trips through JSON, so --json prints the same value")
    func codable() throws {
        let data = try JSONEncoder().encode(analysis)
        #expect(try JSONDecoder().decode(CoEvalAnalysis.self, from: data) == analysis)
    }

    @Test("the tables print every section with the figures")
    func tables() {
        let text = analysis.renderedTables()
        #expect(text.contains("leaderboard · task qa · clarity"))
        #expect(text.contains("1     S1       0.958  0.875–1.000      3"))
        #expect(text.contains("J1       J2           17    0.734     0.708  0.647     0.824  0.440"))
        #expect(text.contains("Krippendorff's alpha: ordinal 0.669, interval 0.694 over 17 (response, criterion) units"))
        #expect(text.contains("T1"))
        #expect(text.contains("0.2005"))
        #expect(text.contains("total $0.0480"))
        let summary = analysis.renderedSummary()
        #expect(summary.contains("leaderboard · task qa\n") && !summary.contains("leaderboard · task qa · clarity"))
        #expect(summary.contains("Krippendorff's alpha: ordinal 0.669") && !summary.contains("judge A"))
    }
}
