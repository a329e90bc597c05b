/// Every grade of a CoEval run, indexed the ways the analyses read them.
///
/// A unit is one (response, criterion), as in CoEval's analyzer; the judge ensemble's grade of a
/// unit is the mean of the grades its judges gave (judges that skipped the criterion don't count).
struct CoEvalGradeTable: Sendable {
    struct Unit: Hashable, Sendable {
        var responseID: String
        var criterion: String
    }

    /// What a graded response is about.
    struct Subject: Sendable {
        var itemID: String
        var task: String
        var teacher: String
        var student: String
    }

    /// Unit → judge → grade.
    var grades: [Unit: [String: CoEvalGrade]] = [:]
    var subjects: [String: Subject] = [:]
    var judges: [String] = []
    /// Every unit in (response, criterion) order: sums run in this order so that results are the
    /// same bit for bit in every process (dictionary order changes from one run to the next).
    var units: [Unit] = []

    init(_ evaluations: [CoEvalEvaluation]) {
        var judgeSet = Set<String>()
        for evaluation in evaluations {
            judgeSet.insert(evaluation.judge)
            subjects[evaluation.responseID] = Subject(
                itemID: evaluation.itemID, task: evaluation.task, teacher: evaluation.teacher, student: evaluation.student)
            for (criterion, grade) in evaluation.scores {
                grades[Unit(responseID: evaluation.responseID, criterion: criterion), default: [:]][evaluation.judge] = grade
            }
        }
        judges = judgeSet.sorted()
        units = grades.keys.sorted { ($0.responseID, $0.criterion) < ($1.responseID, $1.criterion) }
    }

    /// The ensemble grade of each unit: the mean over the judges that graded it.
    func ensemble() -> [Unit: Double] {
        grades.mapValues { byJudge in byJudge.values.map(\.value).reduce(0, +) / Double(byJudge.count) }
    }

    /// The ensemble score of each response on `criterion`, or the mean over its graded criteria when `nil`.
    func responseScores(criterion: String? = nil, ensemble: [Unit: Double]) -> [String: Double] {
        var sums: [String: (Double, Int)] = [:]
        for unit in units where criterion == nil || unit.criterion == criterion {
            guard let value = ensemble[unit] else { continue }
            let (sum, count) = sums[unit.responseID] ?? (0, 0)
            sums[unit.responseID] = (sum + value, count + 1)
        }
        return sums.mapValues { $0.0 / Double($0.1) }
    }
}
