import QuorumCore

/// A record of a dataset that could not be turned into an item: `file:line: reason`, or
/// `file:line:column: reason` when the place in the line is known (a JSON syntax error).
public struct DatasetProblem: Error, Sendable, Hashable, Codable, CustomStringConvertible {
    public var file: String
    /// 1-based line of the record (for JSON arrays: the 1-based element number).
    public var line: Int
    /// 1-based column (in characters) where the record stops being readable, when known.
    public var column: Int?
    public var reason: String

    public init(file: String, line: Int, column: Int? = nil, reason: String) {
        self.file = file
        self.line = line
        self.column = column
        self.reason = reason
    }

    /// The problem of text that is not JSON: where the syntax breaks and what was expected there.
    /// `line` is where the text starts in the file; the error's own line is counted from there.
    init(file: String, line: Int, invalidJSON text: some StringProtocol) {
        guard let syntax = JSONSyntaxError.find(in: String(text)) else {
            self.init(file: file, line: line, reason: "invalid JSON")
            return
        }
        self.init(
            file: file, line: line + syntax.line - 1, column: syntax.column,
            reason: "invalid JSON: expected \(syntax.expected), found \(syntax.found)")
    }

    public var description: String { "\(file):\(line)\(column.map { ":\($0)" } ?? ""): \(reason)" }
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
