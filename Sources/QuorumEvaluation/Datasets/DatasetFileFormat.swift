import Foundation
import QuorumCore

/// The layouts a dataset file may have, and how each is split into records.
enum DatasetFileFormat: String, Sendable, CaseIterable {
    case jsonl, csv, json

    /// The format named in the config, else the one the file's extension implies (JSONL by default).
    init(named name: String?, path: String) throws {
        if let name {
            guard let format = DatasetFileFormat(rawValue: name.lowercased()) else {
                throw QuorumError(
                    .configuration, "unknown dataset format '\(name)'; use jsonl, csv or json", context: ["file": path])
            }
            self = format
            return
        }
        switch URL(fileURLWithPath: path).pathExtension.lowercased() {
        case "csv": self = .csv
        case "json": self = .json
        default: self = .jsonl
        }
    }

    /// Splits `text` into records; records that cannot be read become problems named by `file`.
    func records(in text: String, file: String) -> (records: [SourceRecord], problems: [DatasetProblem]) {
        switch self {
        case .jsonl: Self.jsonLines(text, file: file)
        case .json: Self.jsonArray(text, file: file)
        case .csv: CSVReader.records(in: text, file: file)
        }
    }

    private static func jsonLines(_ text: String, file: String) -> ([SourceRecord], [DatasetProblem]) {
        var records: [SourceRecord] = []
        var problems: [DatasetProblem] = []
        let decoder = JSONDecoder()
        // Split on \n only: JSON strings may hold U+2028 and friends, which `enumerateLines` would split on.
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let lineNumber = index + 1
            let line = rawLine.hasSuffix("\r") ? rawLine.dropLast() : rawLine
            guard !line.allSatisfy(\.isWhitespace) else { continue }
            do {
                let value = try decoder.decode(JSONValue.self, from: Data(line.utf8))
                guard case .object(let fields) = value else {
                    problems.append(DatasetProblem(file: file, line: lineNumber, reason: "expected a JSON object"))
                    continue
                }
                records.append(SourceRecord(line: lineNumber, fields: fields))
            } catch {
                problems.append(DatasetProblem(file: file, line: lineNumber, invalidJSON: line))
            }
        }
        return (records, problems)
    }

    private static func jsonArray(_ text: String, file: String) -> ([SourceRecord], [DatasetProblem]) {
        guard let value = try? JSONDecoder().decode(JSONValue.self, from: Data(text.utf8)) else {
            return ([], [DatasetProblem(file: file, line: 1, invalidJSON: text)])
        }
        guard case .array(let elements) = value else {
            return ([], [DatasetProblem(file: file, line: 1, reason: "expected a JSON array of objects")])
        }
        var records: [SourceRecord] = []
        var problems: [DatasetProblem] = []
        for (index, element) in elements.enumerated() {
            if case .object(let fields) = element {
                records.append(SourceRecord(line: index + 1, fields: fields))
            } else {
                problems.append(DatasetProblem(file: file, line: index + 1, reason: "element is not a JSON object"))
            }
        }
        return (records, problems)
    }
}
