import Foundation

/// What to log besides the stored run: where, how finely, and facts the store does not keep.
public struct MLflowLogOptions: Sendable, Hashable {
    /// The MLflow experiment; the Quorum experiment's name when `nil`.
    public var experiment: String?
    /// Also log one run per (system, item), nested under its system's run, with the item's trace.
    public var perItem: Bool
    /// Logged as the `quorum.version` tag.
    public var quorumVersion: String?
    /// Logged as `mlflow.source.git.commit` when known.
    public var gitCommit: String?
    /// Item categories by item id (the store does not keep them), for per-item runs.
    public var categories: [String: String]
    /// The run's HTML report, uploaded as `report.html` on the parent run when given.
    public var reportHTML: Data?
    /// Rubric scores of the run's cells (people's and LLM judges'), logged as metrics of each item's run.
    public var cellScores: [CellScore] = []

    public init(
        experiment: String? = nil, perItem: Bool = false, quorumVersion: String? = nil, gitCommit: String? = nil,
        categories: [String: String] = [:], reportHTML: Data? = nil
    ) {
        self.experiment = experiment
        self.perItem = perItem
        self.quorumVersion = quorumVersion
        self.gitCommit = gitCommit
        self.categories = categories
        self.reportHTML = reportHTML
    }
}
