import Foundation
import QuorumCore
import QuorumEvaluation

/// `quorum coeval ingest RUN --benchmark NAME`: items of a real benchmark enter a run's phase 3 as
/// if written by the virtual teacher `NAME-benchmark`, each with its reference answer, so that
/// `quorum coeval run CONFIG --continue RUN` has students answer them and judges (LLM or metric)
/// grade them next to the teachers' items.
///
/// Idempotent: an item's id is `{task}.{NAME}-benchmark.{source id}` (dots in the source id become
/// `_`, keeping the three-part shape), and ids already in the run are left as they are.
public struct CoEvalBenchmarkIngest: Sendable {
    /// The benchmark's name: a built-in (`quorum datasets` lists them) unless `file` is given.
    public var benchmark: String
    /// A JSONL/CSV/JSON file to read instead of the built-in, with `mapping` naming its fields.
    public var file: String?
    public var mapping: FieldMapping?
    /// The run's task the items belong to; may be left out when the run has one task.
    public var task: String?
    /// At most this many items (the first ones in the file).
    public var limit: Int?

    public init(benchmark: String, file: String? = nil, mapping: FieldMapping? = nil, task: String? = nil, limit: Int? = nil) {
        self.benchmark = benchmark
        self.file = file
        self.mapping = mapping
        self.task = task
        self.limit = limit
    }

    /// What one ingest did.
    public struct Result: Sendable, Hashable, Codable {
        public var runID: String
        public var task: String
        public var teacher: String
        public var source: String
        /// Items stored by this ingest.
        public var added: Int
        /// Items the run already had (from an earlier ingest).
        public var alreadyPresent: Int
    }

    /// The virtual teacher's name.
    public var teacher: String { "\(benchmark)-benchmark" }

    /// Reads the benchmark and stores the items `runID` lacks. Throws `.store` for a run that is not
    /// a CoEval run, `.configuration` for an unknown task, `.dataset` for an unreadable file.
    public func ingest(into runID: String, store: any CoEvalStore) async throws -> Result {
        let setup = try await Self.setup(of: runID, store: store)
        let task = try resolveTask(setup)
        var dataset = DatasetConfig(path: file ?? "builtin:\(benchmark)")
        dataset.fields = mapping
        dataset.limit = limit
        let loaded = try DatasetLoader().load(dataset)
        let existing = Set(try await store.coevalArtifacts(ofRun: runID).items.map(\.id))
        var added = 0
        for item in loaded.items.map({ coevalItem($0, task: task) }) where !existing.contains(item.id) {
            try await store.saveCoEvalArtifact(item, runID: runID, phase: .dataGeneration, id: item.id, task: task.name, model: teacher)
            added += 1
        }
        return Result(
            runID: runID, task: task.name, teacher: teacher, source: loaded.source, added: added,
            alreadyPresent: loaded.items.count - added)
    }

    /// One dataset item as a phase-3 item. A task with `label_attributes` takes the reference as
    /// the first label's value, so a classification benchmark's answer column is its label.
    func coevalItem(_ source: DatasetItem, task: CoEvalTaskConfig) -> CoEvalItem {
        let reference = source.question.reference ?? ""
        var target: [String: String] = [:]
        if let label = task.labelAttributes?.first, !reference.isEmpty { target[label] = reference }
        return CoEvalItem(
            id: "\(task.name).\(teacher).\(source.id.replacingOccurrences(of: ".", with: "_"))", task: task.name,
            teacher: teacher, prompt: source.question.prompt, referenceResponse: reference, sampledTarget: target)
    }

    private func resolveTask(_ setup: CoEvalSetup) throws -> CoEvalTaskConfig {
        let names = setup.tasks.map(\.name)
        if let task {
            guard let found = setup.tasks.first(where: { $0.name == task }) else {
                throw QuorumError(.configuration, "the run has no task '\(task)'" + DidYouMean.hint(for: task, among: names)
                    + "; its tasks: \(names.joined(separator: ", "))")
            }
            return found
        }
        guard setup.tasks.count == 1 else {
            throw QuorumError(.configuration, "the run has \(names.count) tasks (\(names.joined(separator: ", "))); name one with --task")
        }
        return setup.tasks[0]
    }

    /// The run's setup from its stored config.
    static func setup(of runID: String, store: any CoEvalStore) async throws -> CoEvalSetup {
        guard let run = try await store.run(runID) else {
            throw QuorumError(.store, "no run '\(runID)' in this store; `quorum runs` lists them")
        }
        guard run.dataset == CoEvalSetup.datasetMarker else {
            throw QuorumError(.store, "run \(runID) is an experiment run, not a CoEval run")
        }
        return try CoEvalSetup(config: JSONDecoder().decode(QuorumConfig.self, from: Data(run.configSnapshot.utf8)))
    }
}
