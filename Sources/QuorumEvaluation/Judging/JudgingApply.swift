import Foundation
import QuorumCore
import QuorumProviders
import QuorumStore

/// Reads a filled judging file back: checks all of it against the run and its rubric, reports
/// every problem at once with its JSON path, and turns each cell that passes into a `Judgment`.
///
/// Applying is saving `JudgingCheck.valid` with `JudgmentStore.saveJudgments`, which is keyed by
/// (run, system, item, judge): applying the same file again changes nothing, and a file never
/// removes the judgments of cells it does not contain (or leaves empty). A cell with a problem
/// is not applied; the other cells are.
public enum JudgingApply {
    /// Checks the file in `data` against `items` (the run's items) and `rubric` (the run's).
    /// `judge` overrides the file's judge name; `now` stamps the judgments.
    public static func check(
        data: Data, items: [ItemRecord], rubric: RubricConfig, judge override: String? = nil, now: Date = Date()
    ) -> JudgingCheck {
        var check = JudgingCheck()
        func problem(_ path: String, _ message: String) { check.problems.append(JudgingProblem(path: path, message: message)) }
        let text = String(decoding: data, as: UTF8.self)
        if let syntax = JSONSyntaxError.find(in: text) {
            problem("$", "not valid JSON: \(syntax)")
            return check
        }
        guard case .object(let root)? = try? JSONDecoder().decode(JSONValue.self, from: data) else {
            problem("$", "expected a judging file: a JSON object from quorum judge export")
            return check
        }
        let compiled: Rubric
        do {
            compiled = try Rubric(rubric)
        } catch {
            problem("$.rubric", "the run's rubric cannot be used: \(error)")
            return check
        }
        let runID = items.first?.runID
        let header = JudgingHeader(root: root, runID: runID, rubric: compiled, judge: override)
        check.problems = header.problems
        var cells = JudgingCells(
            items: items, rubric: compiled, judge: header.judge ?? "", runID: runID ?? header.fileRunID ?? "", now: now)
        cells.read(root["cells"])
        check.problems += cells.problems
        check.skippedCells = cells.skipped
        // A problem with the file as a whole (another rubric, no judge) leaves no cell trustworthy.
        check.valid = header.problems.isEmpty ? cells.valid : []
        return check
    }
}

/// The file's fields around its cells: format, run, rubric and judge.
struct JudgingHeader {
    private(set) var problems: [JudgingProblem] = []
    /// The judge's name, when there is one.
    private(set) var judge: String?
    /// The run the file says it is for.
    private(set) var fileRunID: String?

    init(root: [String: JSONValue], runID: String?, rubric: Rubric, judge override: String?) {
        let format = root["format"]?.stringValue
        if format != JudgingFile.currentFormat {
            problem("$.format", (format.map { "'\($0)' is not" } ?? "missing: expected") + " '\(JudgingFile.currentFormat)'"
                + " (a file from quorum judge export)")
        }
        fileRunID = root["run"]?.stringValue
        if let runID, fileRunID != runID {
            problem("$.run", fileRunID.map { "the file is for run '\($0)', not '\(runID)'" } ?? "missing: expected '\(runID)'")
        }
        checkRubric(root["rubric"], against: rubric)
        let named = [override, root["judge"]?.stringValue].compactMap { $0?.trimmingCharacters(in: .whitespacesAndNewlines) }
        judge = named.first { !$0.isEmpty }
        if judge == nil {
            problem("$.judge", "missing: write the name of the person judging (it is recorded with every score)")
        }
    }

    private mutating func problem(_ path: String, _ message: String) {
        problems.append(JudgingProblem(path: path, message: message))
    }

    /// The file's rubric must be the run's: the same id and version, so the scores mean the same.
    private mutating func checkRubric(_ value: JSONValue?, against rubric: Rubric) {
        guard case .object(let fields)? = value else {
            problem("$.rubric", "missing: expected the rubric '\(rubric.label)' the file was exported with")
            return
        }
        let id = fields["id"]?.stringValue
        if id != rubric.id {
            problem("$.rubric.id", "the file is for rubric '\(id ?? "?")'; this run is judged with '\(rubric.id)'")
        }
        let version = fields["version"]?.stringValue
        if id == rubric.id, version != rubric.version {
            problem(
                "$.rubric.version",
                "the file has version \(version.map { "'\($0)'" } ?? "none") of rubric '\(rubric.id)'; "
                    + "this run is judged with \(rubric.version.map { "'\($0)'" } ?? "no version")")
        }
    }
}
