import QuorumCore

/// A record of a dataset that could not be turned into an item: `file:line: reason`.
public struct DatasetProblem: Error, Sendable, Hashable, Codable, CustomStringConvertible {
    public var file: String
    /// 1-based line of the record (for JSON arrays: the 1-based element number).
    public var line: Int
    public var reason: String

    public init(file: String, line: Int, reason: String) {
        self.file = file
        self.line = line
        self.reason = reason
    }

    public var description: String { "\(file):\(line): \(reason)" }
}

extension QuorumError {
    /// The error that refuses a run because some records are malformed; names every one of them.
    static func malformedDataset(_ problems: [DatasetProblem]) -> QuorumError {
        let shown = problems.prefix(20).map(\.description).joined(separator: "\n")
        let more = problems.count > 20 ? "\n… and \(problems.count - 20) more" : ""
        return QuorumError(
            .dataset,
            "\(problems.count) malformed dataset record(s); fix them or pass --skip-bad-items:\n\(shown)\(more)",
            context: ["file": problems.first?.file ?? ""])
    }
}
