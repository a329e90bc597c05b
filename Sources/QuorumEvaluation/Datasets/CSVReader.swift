import QuorumCore

/// Reads RFC 4180 CSV: a header row, quoted fields with `""` escapes and embedded newlines.
enum CSVReader {
    static func records(in text: String, file: String) -> ([SourceRecord], [DatasetProblem]) {
        let rows = parse(text)
        guard let header = rows.first else { return ([], []) }
        var records: [SourceRecord] = []
        var problems: [DatasetProblem] = []
        for row in rows.dropFirst() {
            if row.fields.count == 1, row.fields[0].isEmpty { continue }
            if let problem = row.problem {
                problems.append(DatasetProblem(file: file, line: row.line, column: row.problemColumn, reason: problem))
                continue
            }
            guard row.fields.count == header.fields.count else {
                problems.append(DatasetProblem(
                    file: file, line: row.line,
                    reason: "expected \(header.fields.count) fields like the header, found \(row.fields.count)"))
                continue
            }
            var fields: [String: JSONValue] = [:]
            for (name, value) in zip(header.fields, row.fields) { fields[name] = .string(value) }
            records.append(SourceRecord(line: row.line, fields: fields))
        }
        return (records, problems)
    }

    struct Row {
        var line: Int
        var fields: [String]
        var problem: String?
        var problemColumn: Int?
    }

    /// Splits into rows of fields; a row remembers the line it starts on.
    static func parse(_ text: String) -> [Row] {
        var rows: [Row] = []
        var fields: [String] = []
        var field = ""
        var inQuotes = false
        var line = 1
        var rowStart = 1
        var column = 0
        var quoteOpened = (line: 1, column: 1)
        var iterator = Array(text.unicodeScalars).makeIterator()
        var pending: Unicode.Scalar? = nil
        func endRow() {
            fields.append(field)
            rows.append(Row(line: rowStart, fields: fields))
            fields = []
            field = ""
        }
        while let scalar = pending ?? iterator.next() {
            column = pending == nil ? column + 1 : column
            pending = nil
            if inQuotes {
                if scalar == "\"" {
                    let next = iterator.next()
                    column += 1
                    if next == "\"" { field.unicodeScalars.append("\"") } else { inQuotes = false; pending = next }
                } else {
                    if scalar == "\n" { line += 1; column = 0 }
                    field.unicodeScalars.append(scalar)
                }
                continue
            }
            switch scalar {
            case "\"" where field.isEmpty:
                inQuotes = true
                quoteOpened = (line, column)
            case ",": fields.append(field); field = ""
            case "\r": continue
            case "\n":
                endRow()
                line += 1
                rowStart = line
                column = 0
            default: field.unicodeScalars.append(scalar)
            }
        }
        if inQuotes {
            fields.append(field)
            rows.append(Row(
                line: quoteOpened.line, fields: fields,
                problem: "unterminated quoted field: expected a closing '\"' for the one opened here", problemColumn: quoteOpened.column))
        } else if !field.isEmpty || !fields.isEmpty {
            endRow()
        }
        return rows
    }
}
