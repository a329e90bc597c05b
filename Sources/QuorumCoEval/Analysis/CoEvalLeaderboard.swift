import QuorumEvaluation

/// Students ranked by their mean ensemble grade over one slice of a CoEval run.
public struct CoEvalLeaderboard: Sendable, Hashable, Codable {
    /// The task this board covers; `nil` for every task together.
    public var task: String?
    /// The rubric criterion; `nil` for the mean over the criteria each response was graded on.
    public var criterion: String?
    /// Best first; students without a graded response come last, unranked.
    public var standings: [CoEvalStanding]

    public init(task: String?, criterion: String?, standings: [CoEvalStanding]) {
        self.task = task
        self.criterion = criterion
        self.standings = standings
    }

    /// The board's title as tables and the report print it.
    public var title: String {
        switch (task, criterion) {
        case (nil, _): "all tasks"
        case (let task?, nil): "task \(task)"
        case (let task?, let criterion?): "task \(task) · \(criterion)"
        }
    }
}

/// One student's place on a leaderboard.
public struct CoEvalStanding: Sendable, Hashable, Codable {
    public var student: String
    /// 1 for the best; students with equal means share a rank (1, 1, 3). `nil` when nothing was graded.
    public var rank: Int?
    /// The mean over items of the student's ensemble grade on each item, on 0…1
    /// (High = 1, Medium = 0.5, Low = 0); `nil` when nothing was graded.
    public var mean: Double?
    /// Items the mean is over.
    public var items: Int
    /// Percentile-bootstrap intervals of the mean, items resampled with replacement.
    public var interval: ConfidenceIntervals?

    public init(student: String, rank: Int?, mean: Double?, items: Int, interval: ConfidenceIntervals?) {
        self.student = student
        self.rank = rank
        self.mean = mean
        self.items = items
        self.interval = interval
    }
}

extension CoEvalLeaderboard {
    /// Ranks `students` by the mean of their per-item scores (response id → score, one response per item).
    static func ranking(
        task: String?, criterion: String?, students: [String], scores: [String: Double],
        subjects: [String: CoEvalGradeTable.Subject], bootstrap: Bootstrap
    ) -> CoEvalLeaderboard {
        var perStudent: [String: [Double]] = [:]
        for responseID in scores.keys.sorted() {
            guard let subject = subjects[responseID], task == nil || subject.task == task else { continue }
            perStudent[subject.student, default: []].append(scores[responseID]!)
        }
        var standings = students.map { student -> CoEvalStanding in
            let values = perStudent[student] ?? []
            let mean = values.isEmpty ? nil : values.reduce(0, +) / Double(values.count)
            return CoEvalStanding(
                student: student, rank: nil, mean: mean, items: values.count,
                interval: values.isEmpty ? nil : bootstrap.meanIntervals(of: values))
        }
        standings.sort { lhs, rhs in
            switch (lhs.mean, rhs.mean) {
            case let (l?, r?) where abs(l - r) > tieTolerance: l > r
            case (_?, nil): true
            case (nil, _?): false
            default: lhs.student < rhs.student
            }
        }
        for index in standings.indices where standings[index].mean != nil {
            let tied = index > 0 && standings[index - 1].mean.map { abs($0 - standings[index].mean!) <= tieTolerance } == true
            standings[index].rank = tied ? standings[index - 1].rank : index + 1
        }
        return CoEvalLeaderboard(task: task, criterion: criterion, standings: standings)
    }

    /// Means closer than this are a tie: sums of halves in a different order can differ in the last bit.
    static let tieTolerance = 1e-9
}
