import Foundation
import QuorumCore

/// `scenarios: {path: FILE}`: one scenario per record of a JSONL, JSON or CSV file, its `id` field
/// the scenario id and every scalar field a template field.
struct ScenarioFile {
    var path: String
    var displayName: String

    func scenarios() throws -> [Scenario] {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw QuorumError(.dataset, "cannot read scenarios file \(path)", context: ["file": path])
        }
        var (records, problems) = try DatasetFileFormat(named: nil, path: path).records(in: text, file: displayName)
        var scenarios: [Scenario] = []
        var firstLine: [String: Int] = [:]
        for record in records {
            guard let id = record.text("id"), !id.isEmpty else {
                problems.append(DatasetProblem(file: displayName, line: record.line, reason: "no 'id' field"))
                continue
            }
            if id.contains("/") {
                problems.append(DatasetProblem(file: displayName, line: record.line, reason: "id '\(id)' has a '/'"))
                continue
            }
            if let first = firstLine[id] {
                problems.append(DatasetProblem(file: displayName, line: record.line, reason: "duplicate id '\(id)' (first on line \(first))"))
                continue
            }
            firstLine[id] = record.line
            let fields = record.fields.compactMapValues(\.scalarText)
            scenarios.append(Scenario(id: id, fields: fields, location: "\(displayName):\(record.line)"))
        }
        guard problems.isEmpty else { throw QuorumError.malformedDataset(problems.sorted { $0.line < $1.line }) }
        return scenarios
    }
}
