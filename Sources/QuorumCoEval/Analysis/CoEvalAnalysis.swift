import QuorumEvaluation

/// The results of a CoEval run: student leaderboards, judge agreement, teacher quality and
/// coverage, computed from its artifacts.
///
/// A pure value: the same artifacts and bootstrap seed give the same analysis on every machine.
/// `quorum coeval status` prints its tables, `--json` prints the value itself, and the HTML
/// report draws it. Grades count as High = 1, Medium = 0.5, Low = 0; a response's grade on a
/// criterion is the mean over the judges that graded it (the judge ensemble).
///
/// Definitions follow CoEval's analyzer (`analyzer/metrics.py`): exact and weighted agreement and
/// kappa per judge pair, the teacher differentiation scores V1/S2/R3, students' means. One
/// deliberate difference: CoEval drops an evaluation that lacks any rubric criterion
/// (`INCOMPLETE_SCORES`); here the grades it has count and the blank ones are missing values,
/// as Krippendorff's alpha treats them. On complete evaluations both give the same numbers.
public struct CoEvalAnalysis: Sendable, Hashable, Codable {
    public var runID: String
    /// Tasks in the order the artifacts first name them.
    public var tasks: [String]
    /// Models per role: the roster's first, then any other the artifacts name, by name.
    public var teachers: [String]
    public var students: [String]
    public var judges: [String]
    /// Every task together first, then each task, then each (task, criterion).
    public var leaderboards: [CoEvalLeaderboard]
    /// Pairwise agreement, judge profiles and Krippendorff's alpha.
    public var agreement: CoEvalJudgeAgreement
    /// One per teacher, in `teachers` order (each carries its rank).
    public var teacherQuality: [CoEvalTeacherQuality]
    /// Counts per phase and cost per (role, model).
    public var coverage: CoEvalCoverage
    /// Label accuracy and per-class precision/recall/F1 of tasks with `label_attributes` (empty without).
    public var labels: [CoEvalLabelScores]
    /// Sentences about gaps a reader should know before trusting the numbers.
    public var warnings: [String]
    /// The bootstrap behind every interval, so a reader can reproduce them.
    public var bootstrapResamples: Int
    public var bootstrapSeed: UInt64

    /// Analyses `artifacts`; `roster` lists configured models so that one with no output still shows.
    public init(artifacts: CoEvalArtifacts, roster: Roster = Roster(), bootstrap: Bootstrap = Bootstrap()) {
        let roster = roster.merged(with: artifacts)
        let table = CoEvalGradeTable(artifacts.evaluations)
        let ensemble = table.ensemble()
        runID = artifacts.runID
        tasks = Self.tasks(of: artifacts)
        teachers = roster.teachers
        students = roster.students
        judges = roster.judges
        bootstrapResamples = bootstrap.resamples
        bootstrapSeed = bootstrap.seed
        let responseScores = table.responseScores(ensemble: ensemble)
        var boards = [
            CoEvalLeaderboard.ranking(
                task: nil, criterion: nil, students: students, scores: responseScores, subjects: table.subjects,
                bootstrap: bootstrap)
        ]
        for task in tasks {
            boards.append(
                .ranking(task: task, criterion: nil, students: students, scores: responseScores, subjects: table.subjects,
                    bootstrap: bootstrap))
            for criterion in Self.criteria(of: task, artifacts: artifacts, table: table) {
                boards.append(
                    .ranking(task: task, criterion: criterion, students: students,
                        scores: table.responseScores(criterion: criterion, ensemble: ensemble), subjects: table.subjects,
                        bootstrap: bootstrap))
            }
        }
        leaderboards = boards
        agreement = CoEvalJudgeAgreement(table)
        teacherQuality = CoEvalTeacherQuality.all(teachers: teachers, items: artifacts.items, table: table, ensemble: ensemble)
        coverage = CoEvalCoverage(artifacts, tasks: tasks, roster: roster)
        labels = CoEvalLabelScores.all(artifacts, students: students)
        warnings = Self.warnings(artifacts: artifacts, agreement: agreement, coverage: coverage)
    }

    /// The board for `task` (every task when `nil`) and `criterion` (mean over criteria when `nil`).
    public func leaderboard(task: String? = nil, criterion: String? = nil) -> CoEvalLeaderboard? {
        leaderboards.first { $0.task == task && $0.criterion == criterion }
    }

    /// Each graded response's ensemble score: per criterion the mean over the judges that graded
    /// it, then the mean over criteria (response id → 0…1).
    public static func ensembleScores(of artifacts: CoEvalArtifacts) -> [String: Double] {
        let table = CoEvalGradeTable(artifacts.evaluations)
        return table.responseScores(ensemble: table.ensemble())
    }

    /// Tasks in the order the artifacts first name them.
    static func tasks(of artifacts: CoEvalArtifacts) -> [String] {
        var seen = Set<String>()
        let named = artifacts.attributes.map(\.task) + artifacts.rubrics.map(\.task) + artifacts.items.map(\.task)
            + artifacts.responses.map(\.task) + artifacts.evaluations.map(\.task)
        return named.filter { seen.insert($0).inserted }
    }

    /// The rubric's criteria in order, then any criterion judges graded that the rubric lacks.
    static func criteria(of task: String, artifacts: CoEvalArtifacts, table: CoEvalGradeTable) -> [String] {
        let rubric = artifacts.rubric(forTask: task)?.criteria.map(\.name) ?? []
        let graded = Set(table.grades.keys.filter { table.subjects[$0.responseID]?.task == task }.map(\.criterion))
        return rubric + graded.subtracting(rubric).sorted()
    }

    static func warnings(artifacts: CoEvalArtifacts, agreement: CoEvalJudgeAgreement, coverage: CoEvalCoverage) -> [String] {
        var warnings: [String] = []
        if artifacts.evaluations.isEmpty {
            warnings.append("No evaluations yet: leaderboards and teacher quality are empty until phase 5 runs.")
        } else if let note = agreement.alphaNote {
            warnings.append("Judge agreement: \(note).")
        }
        let selfJudged = artifacts.evaluations.filter { $0.judge == $0.student }.count
        if selfJudged > 0 {
            warnings.append("\(selfJudged) evaluations are a judge grading its own answers (self-judging); they may favour that student.")
        }
        for task in coverage.tasks {
            if task.responses < task.expectedResponses {
                warnings.append("Task \(task.task): \(task.expectedResponses - task.responses) of \(task.expectedResponses) responses missing.")
            }
            if task.evaluations < task.expectedEvaluations {
                warnings.append("Task \(task.task): \(task.expectedEvaluations - task.evaluations) of \(task.expectedEvaluations) evaluations missing.")
            }
            if task.missingGrades > 0 {
                warnings.append("Task \(task.task): judges left \(task.missingGrades) rubric grades blank; means are over the grades given.")
            }
        }
        return warnings
    }
}
