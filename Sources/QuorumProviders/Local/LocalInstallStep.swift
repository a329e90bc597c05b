/// What one step of `quorum local install` did and how long it took.
public struct LocalInstallStep: Sendable, Hashable {
    /// Whether the step did any work.
    public enum Outcome: String, Sendable, Hashable {
        /// Downloaded, built or assembled, and verified now.
        case installed
        /// Found already in place and verified; nothing was downloaded.
        case alreadyInstalled = "already installed"
    }

    /// `runtime` or a catalog model name.
    public var name: String
    public var outcome: Outcome
    /// Wall time of the step in seconds.
    public var seconds: Double
    /// One line for the user: a version, a path, a size.
    public var detail: String

    public init(name: String, outcome: Outcome, seconds: Double, detail: String) {
        self.name = name
        self.outcome = outcome
        self.seconds = seconds
        self.detail = detail
    }
}
