import Foundation
import QuorumCore

/// Writes a CoEval run's artifacts in CoEval's own folder layout, so CoEval's analyzer and tools
/// read a Quorum run as one of theirs:
///
/// ```
/// meta.json, config.yaml (when given)
/// phase1_attributes/{task}.target_attrs.json, {task}.nuanced_attrs.json
/// phase2_rubric/{task}.rubric.json
/// phase3_datapoints/{task}.{teacher}.datapoints.jsonl
/// phase4_responses/{task}.{teacher}.{student}.responses.jsonl
/// phase5_evaluations/{task}.{teacher}.{judge}.evaluations.jsonl
/// ```
///
/// Ids take CoEval's form (`{task}__{teacher}__00001`, then `__{student}`, then `__{judge}`).
/// Phases 1 and 2 export the map and rubric judges used (the merged one). Costs, usage and
/// latency stay in Quorum's store: CoEval's records have no place for them.
public struct CoEvalExporter: Sendable {
    /// What to write; `runID` becomes `meta.json`'s `experiment_id`.
    public var artifacts: CoEvalArtifacts
    /// The run's configuration as YAML, written as `config.yaml` (CoEval's analyzer reads the
    /// models' roles from it); nothing is written when `nil`.
    public var configYAML: String?

    public init(artifacts: CoEvalArtifacts, configYAML: String? = nil) {
        self.artifacts = artifacts
        self.configYAML = configYAML
    }

    /// The folders CoEval's storage creates under an experiment.
    public static let phaseFolders = [
        "phase1_attributes", "phase2_rubric", "phase3_datapoints", "phase4_responses", "phase5_evaluations",
    ]

    /// Writes every artifact under `directory` and returns the files written, sorted by path.
    ///
    /// A directory that is not empty and holds no earlier export of this run is refused unless
    /// `replacing` is set. Before writing, the phase folders and `meta.json` of an earlier export
    /// are removed (so items gone from the run don't linger); other files are left alone.
    /// - Throws: `QuorumError` (`.invalidRequest`) when refused, or the file system's error.
    @discardableResult
    public func export(to directory: URL, replacing: Bool = false) throws -> [URL] {
        let files = FileManager.default
        try checkDestination(directory, replacing: replacing)
        for folder in Self.phaseFolders + ["meta.json"] {
            let url = directory.appendingPathComponent(folder)
            if files.fileExists(atPath: url.path) { try files.removeItem(at: url) }
        }
        for folder in Self.phaseFolders {
            try files.createDirectory(at: directory.appendingPathComponent(folder), withIntermediateDirectories: true)
        }
        var written: [URL] = []
        if let configYAML {
            let url = directory.appendingPathComponent("config.yaml")
            try Data(configYAML.utf8).write(to: url, options: .atomic)
            written.append(url)
        }
        for (path, lines) in documents() {
            let url = directory.appendingPathComponent(path)
            try Data((lines.map { $0.rendered() }.joined(separator: "\n") + "\n").utf8).write(to: url, options: .atomic)
            written.append(url)
        }
        return written.sorted { $0.path < $1.path }
    }

    /// Refuses a non-empty directory that is not an export of this run, unless `replacing`.
    func checkDestination(_ directory: URL, replacing: Bool) throws {
        let files = FileManager.default
        let entries = (try? files.contentsOfDirectory(atPath: directory.path)) ?? []
        guard !entries.isEmpty, !replacing else {
            try files.createDirectory(at: directory, withIntermediateDirectories: true)
            return
        }
        let meta = directory.appendingPathComponent("meta.json")
        if let data = try? Data(contentsOf: meta),
            let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
            object["experiment_id"] as? String == artifacts.runID
        {
            return
        }
        throw QuorumError(
            .invalidRequest,
            "\(directory.path) is not empty and holds no export of run \(artifacts.runID); choose an empty directory or pass --force to write into it",
            context: ["path": directory.path])
    }

    /// Every file as (path relative to the export folder, its JSON lines); a `.json` file has one line.
    func documents() -> [(String, [CoEvalExportJSON])] {
        let records = CoEvalExportRecords(artifacts)
        var documents: [(String, [CoEvalExportJSON])] = [("meta.json", [meta(records)])]
        let tasks = CoEvalAnalysis.tasks(of: artifacts)
        for task in tasks {
            if let map = artifacts.attributeMap(forTask: task) {
                documents.append(("phase1_attributes/\(Self.fileName(task)).target_attrs.json", [CoEvalExportRecords.attributes(map.target)]))
                documents.append(("phase1_attributes/\(Self.fileName(task)).nuanced_attrs.json", [CoEvalExportRecords.attributes(map.nuanced)]))
            }
            if let rubric = artifacts.rubric(forTask: task) {
                documents.append(("phase2_rubric/\(Self.fileName(task)).rubric.json", [CoEvalExportRecords.rubric(rubric)]))
            }
        }
        let items = artifacts.items.sorted { Self.itemOrder($0) < Self.itemOrder($1) }
        let position = Dictionary(items.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        let prompts = Dictionary(items.map { ($0.id, $0.prompt) }, uniquingKeysWith: { first, _ in first })
        documents += grouped(items, by: { "phase3_datapoints/\(Self.fileName($0.task, $0.teacher)).datapoints.jsonl" }) {
            records.datapoint($0)
        }
        let responses = artifacts.responses.sorted { (position[$0.itemID] ?? .max, $0.id) < (position[$1.itemID] ?? .max, $1.id) }
        documents += grouped(responses, by: { "phase4_responses/\(Self.fileName($0.task, $0.teacher, $0.student)).responses.jsonl" }) {
            records.response($0, prompt: prompts[$0.itemID] ?? "")
        }
        let evaluations = artifacts.evaluations.sorted {
            (position[$0.itemID] ?? .max, $0.responseID) < (position[$1.itemID] ?? .max, $1.responseID)
        }
        documents += grouped(evaluations, by: { "phase5_evaluations/\(Self.fileName($0.task, $0.teacher, $0.judge)).evaluations.jsonl" }) {
            records.evaluation($0, criteria: artifacts.rubric(forTask: $0.task)?.criteria.map(\.name) ?? [])
        }
        return documents
    }

    /// Groups `values` into files named by `path`, files in order of first appearance.
    func grouped<Value>(_ values: [Value], by path: (Value) -> String, _ record: (Value) -> CoEvalExportJSON) -> [(String, [CoEvalExportJSON])] {
        var order: [String] = []
        var lines: [String: [CoEvalExportJSON]] = [:]
        for value in values {
            let name = path(value)
            if lines[name] == nil { order.append(name) }
            lines[name, default: []].append(record(value))
        }
        return order.map { ($0, lines[$0]!) }
    }

    /// CoEval's `meta.json`; a phase counts as completed once it has produced anything.
    func meta(_ records: CoEvalExportRecords) -> CoEvalExportJSON {
        let produced = [
            ("attribute_mapping", !artifacts.attributes.isEmpty), ("rubric_mapping", !artifacts.rubrics.isEmpty),
            ("data_generation", !artifacts.items.isEmpty), ("response_collection", !artifacts.responses.isEmpty),
            ("evaluation", !artifacts.evaluations.isEmpty),
        ]
        let completed = produced.filter(\.1).map { CoEvalExportJSON.string($0.0) }
        let dates = artifacts.items.map(\.createdAt) + artifacts.responses.map(\.createdAt) + artifacts.evaluations.map(\.createdAt)
        let created = dates.min() ?? Date(timeIntervalSince1970: 0), updated = dates.max() ?? created
        return .object([
            ("experiment_id", .string(artifacts.runID)), ("status", .string(completed.count == 5 ? "completed" : "in_progress")),
            ("created_at", .string(records.timestamp(created))), ("updated_at", .string(records.timestamp(updated))),
            ("phases_completed", .array(completed)), ("phases_in_progress", .array([])), ("resume_from", .null),
        ])
    }

    /// CoEval's datapoint id for a Quorum item: `{task}.{teacher}.{n}` becomes `{task}__{teacher}__{n:05}`;
    /// any other id is kept as it is.
    public static func datapointID(itemID: String, task: String, teacher: String) -> String {
        let prefix = "\(task).\(teacher)."
        guard itemID.hasPrefix(prefix), let number = Int(itemID.dropFirst(prefix.count)) else { return itemID }
        return "\(task)__\(teacher)__" + String(format: "%05d", number)
    }

    /// Items by task, teacher, then their number (so item 10 follows item 9).
    static func itemOrder(_ item: CoEvalItem) -> (String, String, Int, String) {
        let number = Int(item.id.split(separator: ".").last ?? "") ?? .max
        return (item.task, item.teacher, number, item.id)
    }

    /// Dotted file name parts; a path separator in a name would make a folder, so it becomes `_`.
    static func fileName(_ parts: String...) -> String {
        parts.map { $0.replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "\\", with: "_") }.joined(separator: ".")
    }
}
