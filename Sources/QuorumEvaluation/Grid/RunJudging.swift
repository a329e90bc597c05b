import Foundation
import QuorumCore
import QuorumStore

/// Human judging of a stored run with a rubric, and the scores it and LLM rubric judges produced:
/// what `quorum judge export|apply`, `quorum leaderboard` and `quorum status` call.
public struct RunJudging: Sendable {
    public var store: any RunStore

    public init(store: any RunStore) {
        self.store = store
    }

    /// What `apply` did: cells saved, cells left empty, and every problem with its JSON path.
    public struct Applied: Sendable, Hashable, Codable {
        public var runID: String
        public var applied: Int
        public var skipped: Int
        public var problems: [JudgingProblem]
    }

    /// How far people's judging of a run has come.
    public struct Progress: Sendable, Hashable, Codable {
        public var rubric: String
        public var answered: Int
        /// Answered cells with at least one person's scores.
        public var judged: Int
        public var judges: [String]
        public var pending: Int { answered - judged }
    }

    /// The judging file for `runID`: its answered cells, pre-filled where `judge` already scored them.
    public func export(runID: String, judge: String?, pendingOnly: Bool, rubric id: String? = nil) async throws -> JudgingFile {
        let (run, config) = try await load(runID)
        let rubric = try Self.rubric(of: config, id: id, run: runID)
        return JudgingExport.file(
            run: run, items: try await store.items(ofRun: runID), rubric: rubric,
            existing: try await judgmentStore().judgments(ofRun: runID), judge: judge, pendingOnly: pendingOnly)
    }

    /// Validates a filled judging file against its run and saves every valid cell; a cell with a
    /// problem is left out (and named), never half-applied, and nothing saved before is removed.
    public func apply(_ data: Data, judge: String?, now: Date = Date()) async throws -> Applied {
        let runID = try Self.runID(in: data)
        let (_, config) = try await load(runID)
        let rubric = try Self.rubric(of: config, id: Self.rubricID(in: data), run: runID)
        let check = JudgingApply.check(data: data, items: try await store.items(ofRun: runID), rubric: rubric, judge: judge, now: now)
        if !check.valid.isEmpty { try await judgmentStore().saveJudgments(check.valid) }
        return Applied(runID: runID, applied: check.valid.count, skipped: check.skipped, problems: check.problems)
    }

    /// Every rubric score of the run: people's from the store, LLM rubric judges' from the items' traces.
    public func scores(runID: String) async throws -> (rubric: Rubric, scores: [CellScore]) {
        let (_, config) = try await load(runID)
        let rubric = try Rubric(try Self.rubric(of: config, id: nil, run: runID))
        let human = try await judgmentStore().judgments(ofRun: runID).map { judgment in
            CellScore(
                system: judgment.system, itemID: judgment.itemID, judge: judgment.judge,
                source: judgment.kind == .human ? .human : .llm, criteria: judgment.scores, flags: judgment.flags,
                composite: judgment.composite)
        }
        let llm = try await store.items(ofRun: runID).flatMap { item -> [CellScore] in
            (item.trace?.children ?? []).compactMap { node in
                guard node.kind == .verdict, let verdict = node.verdict, let criteria = verdict.criteria,
                    let composite = verdict.composite
                else { return nil }
                return CellScore(
                    system: item.system, itemID: item.itemID, judge: verdict.judge, source: .llm, criteria: criteria,
                    flags: verdict.flags ?? [:], composite: composite)
            }
        }
        return (rubric, human + llm)
    }

    public func leaderboard(runID: String) async throws -> Leaderboard {
        let (rubric, scores) = try await scores(runID: runID)
        return Leaderboard(
            scores: scores, rubric: rubric.label, criteria: rubric.criteria.map(\.name), flags: rubric.flags.map(\.name),
            compositeRange: rubric.compositeRange)
    }

    /// `nil` for a run with no rubric to judge by.
    public func progress(runID: String) async throws -> Progress? {
        guard let (_, config) = try? await load(runID), let config = Optional(config),
            let rubric = try? Self.rubric(of: config, id: nil, run: runID)
        else { return nil }
        let answered = try await store.items(ofRun: runID).filter { $0.status == .answered }
        let human = try await judgmentStore().judgments(ofRun: runID).filter { $0.kind == .human }
        let judgedCells = Set(human.map { "\($0.system)\u{1F}\($0.itemID)" })
        return Progress(
            rubric: Rubric.label(of: rubric), answered: answered.count,
            judged: answered.count { judgedCells.contains("\($0.system)\u{1F}\($0.itemID)") },
            judges: Set(human.map(\.judge)).sorted())
    }

    private func load(_ runID: String) async throws -> (RunRecord, QuorumConfig) {
        guard let run = try await store.run(runID) else {
            throw QuorumError(.store, "no run '\(runID)' in this store; `quorum runs` lists them")
        }
        guard let config = run.snapshotConfig else {
            throw QuorumError(.store, "run \(runID)'s stored configuration cannot be read")
        }
        return (run, config)
    }

    private func judgmentStore() throws -> any JudgmentStore {
        guard let judgments = store as? any JudgmentStore else {
            throw QuorumError(.store, "this store keeps no judgments")
        }
        return judgments
    }

    /// The rubric named `id`, else the experiment's, else a rubric judge's, else the only one.
    static func rubric(of config: QuorumConfig, id: String?, run: String) throws -> RubricConfig {
        let scoring = config.experiment?.scoring?.judge.flatMap(config.judge(named:))?.rubric
        let chosen = id ?? config.experiment?.rubric ?? scoring ?? (config.rubrics.count == 1 ? config.rubrics[0].id : nil)
        guard let chosen, let rubric = config.rubric(id: chosen) else {
            let known = config.rubrics.map(\.id)
            throw QuorumError(
                .configuration,
                id.map { "run \(run) has no rubric '\($0)'" + (known.isEmpty ? "" : "; it has \(known.joined(separator: ", "))") }
                    ?? "run \(run) was not started with a rubric (rubrics: and experiment.rubric: in its config)")
        }
        return rubric
    }

    static func runID(in data: Data) throws -> String {
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any], let run = object["run"] as? String else {
            throw QuorumError(.configuration, "not a judging file: no \"run\" at $.run (write one with `quorum judge export RUN`)")
        }
        return run
    }

    static func rubricID(in data: Data) -> String? {
        let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
        return (object?["rubric"] as? [String: Any])?["id"] as? String
    }
}
