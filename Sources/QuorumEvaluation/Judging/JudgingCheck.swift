import QuorumStore

/// What `JudgingApply.check` found in a judging file: the judgments to save, every problem with
/// its JSON path, and the cells left empty.
public struct JudgingCheck: Sendable, Hashable {
    /// Judgments of the cells that passed every check, in file order; save them with
    /// `JudgmentStore.saveJudgments` (a cell with a problem is not among them).
    public var valid: [Judgment] = []
    public var problems: [JudgingProblem] = []
    /// Ids of cells left entirely empty: nothing to apply, nothing removed.
    public var skippedCells: [String] = []

    /// How many cells were left empty.
    public var skipped: Int { skippedCells.count }

    public init() {}

    /// How saving `valid` changes `stored` (the run's judgments before saving).
    public func tally(against stored: [Judgment]) -> JudgingTally {
        var tally = JudgingTally()
        for judgment in valid {
            let before = stored.first {
                $0.system == judgment.system && $0.itemID == judgment.itemID && $0.judge == judgment.judge
            }
            switch before {
            case nil: tally.added += 1
            case let before? where before.hasSameContent(as: judgment): tally.unchanged += 1
            case _?: tally.changed += 1
            }
        }
        return tally
    }
}

/// One thing wrong in a judging file, where it is: `$.cells[3].scores.relevance`.
public struct JudgingProblem: Sendable, Hashable, Codable, CustomStringConvertible {
    /// A JSONPath into the file (`$` is the whole file).
    public var path: String
    public var message: String

    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }

    /// `$.cells[3].scores.relevance: must be between 1 and 5, found 7`.
    public var description: String { "\(path): \(message)" }
}

/// What applying a judging file did to the stored judgments.
public struct JudgingTally: Sendable, Hashable, Codable {
    /// Cells judged for the first time by this judge.
    public var added = 0
    /// Cells whose stored judgment by this judge the file changes.
    public var changed = 0
    /// Cells the file judges exactly as already stored.
    public var unchanged = 0

    public init() {}
}
