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
        let (runID, rubricID) = try Self.header(of: data)
        let (_, config) = try await load(runID)
        let rubric = try Self.rubric(of: config, id: rubricID, run: runID)
        let check = JudgingApply.check(data: data, items: try await store.items(ofRun: runID), rubric: rubric, judge: judge, now: now)
        if !check.valid.isEmpty { try await judgmentStore().saveJudgments(check.valid) }
        return Applied(runID: runID, applied: check.valid.count, skipped: check.skipped, problems: check.problems)
    }

    /// Every rubric judgment of the run: people's from the store, LLM rubric judges' from the items' traces.
    public func judgments(runID: String) async throws -> (rubric: RubricConfig, judgments: [Judgment]) {
        let (_, config) = try await load(runID)
        let rubric = try Self.rubric(of: config, id: nil, run: runID)
        let stored = try await judgmentStore().judgments(ofRun: runID)
        return (rubric, stored + Judgment.rubricVerdicts(of: try await store.items(ofRun: runID)))
    }

    /// The run's rubric judgments as scores, people and LLM judges apart.
    public func scores(runID: String) async throws -> (rubric: Rubric, scores: [CellScore]) {
        let (rubric, judgments) = try await judgments(runID: runID)
        return (try Rubric(rubric), judgments.filter { $0.rubric == rubric.label }.map(CellScore.init))
    }

    /// The leaderboard, with how much the run's judges agree.
    public func leaderboard(runID: String) async throws -> Leaderboard {
        let (config, judgments) = try await judgments(runID: runID)
        let rubric = try Rubric(config)
        var board = Leaderboard(
            scores: judgments.filter { $0.rubric == config.label }.map(CellScore.init), rubric: rubric.label,
            criteria: rubric.criteria.map(\.name), flags: rubric.flags.map(\.name), compositeRange: rubric.compositeRange)
        board.agreement = JudgingAgreement(judgments: judgments, rubric: config)
        return board
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

    /// The run and rubric a judging file names; a file that is not JSON is named by line and column.
    static func header(of data: Data) throws -> (run: String, rubric: String?) {
        if let syntax = JSONSyntaxError.find(in: String(decoding: data, as: UTF8.self)) {
            throw QuorumError(.configuration, "$: not valid JSON: \(syntax)")
        }
        guard case .object(let root)? = try? JSONDecoder().decode(JSONValue.self, from: data), let run = root["run"]?.stringValue
        else {
            throw QuorumError(.configuration, "$.run: missing: not a judging file (write one with `quorum judge export RUN`)")
        }
        return (run, root["rubric"]?.objectValue?["id"]?.stringValue)
    }
}

extension CellScore {
    /// A stored or LLM judgment as a leaderboard score.
    init(_ judgment: Judgment) {
        self.init(
            system: judgment.system, itemID: judgment.itemID, judge: judgment.judge,
            source: judgment.kind == .human ? .human : .llm, criteria: judgment.scores, flags: judgment.flags,
            composite: judgment.composite)
    }
}
