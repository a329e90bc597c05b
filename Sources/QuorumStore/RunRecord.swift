import Foundation

/// Where a run stands.
public enum RunStatus: String, Sendable, Hashable, Codable {
    /// Started and not finished (or the process died: `quorum status` shows its pending items).
    case running
    /// Every item answered or failed.
    case completed
    /// Stopped with items left pending (budget, quota, Ctrl-C); `--continue` fills them.
    case stopped
}

/// One run: a config snapshot over one dataset, stored so it can be listed, inspected and resumed.
public struct RunRecord: Sendable, Hashable, Codable {
    public var id: String
    /// The experiment's name.
    public var name: String
    public var status: RunStatus
    /// The configuration as JSON with every secret replaced by `<redacted>`.
    public var configSnapshot: String
    /// The dataset's path or `builtin:NAME`.
    public var dataset: String
    /// Systems in the order they run; the first is the baseline unless `baseline` says otherwise.
    public var systems: [String]
    public var baseline: String?
    /// How the run is scored (`verifier:auto`, `judge:NAME`) or `nil` when unscored.
    public var scoring: String?
    public var createdAt: Date
    public var updatedAt: Date
    public var finishedAt: Date?
    /// Why the run last stopped early, when it did.
    public var stopReason: String?

    public init(
        id: String, name: String, status: RunStatus = .running, configSnapshot: String, dataset: String,
        systems: [String], baseline: String? = nil, scoring: String? = nil, createdAt: Date = Date(),
        finishedAt: Date? = nil, stopReason: String? = nil
    ) {
        self.id = id
        self.name = name
        self.status = status
        self.configSnapshot = configSnapshot
        self.dataset = dataset
        self.systems = systems
        self.baseline = baseline
        self.scoring = scoring
        self.createdAt = createdAt
        self.updatedAt = createdAt
        self.finishedAt = finishedAt
        self.stopReason = stopReason
    }

    /// A fresh id that sorts by time: `20261124-193512-7f3a`.
    public static func makeID(at date: Date = Date()) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd-HHmmss"
        let suffix = String(UInt16.random(in: 0...UInt16.max), radix: 16)
        return "\(formatter.string(from: date))-\(String(repeating: "0", count: 4 - suffix.count))\(suffix)"
    }
}
