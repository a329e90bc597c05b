import Foundation
import QuorumEvaluation

/// One table of a CoEval run's results, as the HTML report shows it and as a CSV file holds it:
/// the same value renders both, so the two never disagree.
public struct CoEvalTable: Sendable, Hashable, Codable {
    /// The CSV file's stem and the HTML table's id (`teacher-student`).
    public var name: String
    public var title: String
    /// What the numbers mean, shown above the HTML table.
    public var note: String?
    public var columns: [String]
    public var rows: [[Cell]]

    public init(name: String, title: String, note: String? = nil, columns: [String], rows: [[Cell]]) {
        self.name = name
        self.title = title
        self.note = note
        self.columns = columns
        self.rows = rows
    }

    /// A value in a table: text, a count or rank, or a measure; a missing one is `nil`.
    public enum Cell: Sendable, Hashable, Codable {
        case text(String)
        case count(Int?)
        case number(Double?)

        /// The CSV form: numbers in full (shortest round-tripping digits), a missing one empty.
        var csv: String {
            switch self {
            case .text(let text): text
            case .count(let count): count.map { String($0) } ?? ""
            case .number(let value): value.map { String($0) } ?? ""
            }
        }
    }

    /// RFC 4180: a header line, then one line per row, CRLF-separated; fields with a comma, quote or
    /// line break are quoted, quotes doubled.
    public var csv: String {
        let lines = [columns.map(Self.quoted)] + rows.map { $0.map { Self.quoted($0.csv) } }
        return lines.map { $0.joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }

    static func quoted(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0.isNewline }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// The table as HTML: numbers right-aligned with three decimals, a dash for a missing one.
    public var html: String {
        let header = columns.enumerated().map { index, column -> String in
            let numeric = rows.first.map { index < $0.count && !Self.isText($0[index]) } ?? false
            return numeric ? "<th class=\"num\">\(HTMLText.escape(column))</th>" : "<th>\(HTMLText.escape(column))</th>"
        }.joined()
        let body = rows.map { row -> String in
            "<tr>" + row.map { cell -> String in
                switch cell {
                case .text(let text): "<td>\(HTMLText.escape(text))</td>"
                case .count(let count): "<td class=\"num\">\(count.map { String($0) } ?? "–")</td>"
                case .number(let value): "<td class=\"num\">\(CoEvalReport.number(value))</td>"
                }
            }.joined() + "</tr>"
        }.joined()
        let note: String = note.map { (text: String) -> String in "<p class=\"muted\">\(HTMLText.escape(text))</p>" } ?? ""
        return "<h3>\(HTMLText.escape(title))</h3>\(note)<table id=\"\(HTMLText.escape(name))\" class=\"view\"><thead><tr>\(header)</tr></thead><tbody>\(body)</tbody></table>"
    }

    private static func isText(_ cell: Cell) -> Bool {
        if case .text = cell { return true }
        return false
    }
}

extension [CoEvalTable] {
    /// Writes each table as `NAME.csv` into `directory` (created if missing); returns the files.
    public func writeCSV(to directory: URL) throws -> [URL] {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return try map { table in
            let file = directory.appendingPathComponent("\(table.name).csv")
            try Data(table.csv.utf8).write(to: file, options: .atomic)
            return file
        }
    }
}
