import Foundation
import Logging
import QuorumCore
import QuorumProviders
import QuorumEvaluation
import QuorumOrchestration
import QuorumStore

/// What one invocation of `quorum coeval run` ended with.
public struct CoEvalOutcome: Sendable, Hashable, Codable {
    public var runID: String
    public var status: RunStatus
    /// Units finished, rejected, failed and left undone in this invocation, per phase (raw value).
    public var made: [Int: Int]
    public var rejected: [Int: Int]
    public var failed: [Int: Int]
    public var stopped: [Int: Int]
    public var stops: [CoEvalStop]
}

/// Runs the five CoEval phases over a run in the store: teachers propose attributes and rubrics
/// and write items, students answer them, judges grade the answers.
///
/// Every call goes through `RunContext` with the run's journal (a resumed run replays finished
/// calls instead of paying again) and one `SpendingLedger` (budget over the whole run, quotas per
/// model for this invocation). Quotas, the budget and Ctrl-C never crash the run: what is not
/// done stays a gap that `--continue` fills.
public struct CoEvalRunner: Sendable {
    public var setup: CoEvalSetup
    public var store: any CoEvalStore
    public var models: [String: any ChatModel]
    public var logger: Logger
    /// Batch clients and polling for the phases `coeval.batch` or a model's `batch: true` batches.
    public var batching = BatchSettings()

    public init(setup: CoEvalSetup, store: any CoEvalStore, models: [String: any ChatModel], logger: Logger = Logger(label: "quorum.coeval")) {
        self.setup = setup
        self.store = store
        self.models = models
        self.logger = logger
    }

    /// Creates a new run (copying phases 1-2 from `coeval.resume_from` when set) or checks that
    /// `continuing` is a CoEval run of this store; returns the run's id.
    public func prepare(continuing runID: String?) async throws -> String {
        if let runID {
            guard let run = try await store.run(runID) else {
                throw QuorumError(.store, "no run '\(runID)' in this store; `quorum runs` lists them")
            }
            guard run.dataset == CoEvalSetup.datasetMarker else {
                throw QuorumError(.store, "run \(runID) is an experiment run, not a CoEval run")
            }
            try await store.updateRun(runID, status: .running, stopReason: nil)
            return runID
        }
        let run = RunRecord(
            id: RunRecord.makeID(), name: setup.config.coeval?.name ?? "coeval",
            configSnapshot: ConfigSnapshot.json(of: setup.config), dataset: CoEvalSetup.datasetMarker,
            systems: setup.allModels, scoring: "coeval")
        if let source = setup.config.coeval?.resumeFrom {
            guard try await store.run(source) != nil else {
                throw QuorumError(.configuration, "coeval.resume_from: no run '\(source)' in this store")
            }
        }
        try await store.createCoEvalRun(run)
        if let source = setup.config.coeval?.resumeFrom {
            let copied = try await store.copyCoEvalPhases([.attributeMapping, .rubricMapping], from: source, to: run.id)
            logger.info("copied phases 1-2", metadata: ["from": "\(source)", "artifacts": "\(copied)"])
        }
        return run.id
    }

    /// Runs every phase in order over `runID`. Under `isContinuation`, a phase whose mode is written
    /// as `New` is regenerated with every later phase; phases with no written mode fill what is missing.
    /// `progress`, when given, hears each phase as it ends (the CLI prints a line per phase); phases
    /// after `last` are not run (`coeval generate` runs phases 1-2 only).
    public func run(
        _ runID: String, isContinuation: Bool, stop: StopSignal = StopSignal(), budget: USD? = nil,
        progress: (@Sendable (CoEvalPhaseReport) -> Void)? = nil, through last: CoEvalPhase = .evaluation
    ) async throws -> CoEvalOutcome {
        var state = try await store.coevalState(ofRun: runID)
        state.stops = []
        if isContinuation, let first = CoEvalPhase.allCases.first(where: { setup.writtenMode(of: $0) == .new }) {
            // Regenerating a phase invalidates everything built on it.
            let phases = CoEvalPhase.allCases.filter { $0 >= first }
            for phase in phases { state.generations[phase.rawValue, default: 0] += 1 }
            try await store.deleteCoEvalPhases(phases, ofRun: runID)
            logger.notice("regenerating phases", metadata: ["from": "\(first)"])
        }
        try await store.saveCoEvalState(state, ofRun: runID)
        let ledger = SpendingLedger(budget: budget, quotas: setup.quotas)
        // The budget spans the whole run; quotas count this invocation's calls only, so --continue can fill their gaps.
        let spent = try await store.coevalSpending(ofRun: runID).values.map(\.cost).sum()
        await ledger.restore(spent: spent, callsByModel: [:])
        let session = CoEvalSession(runID: runID, state: state, ledger: ledger, stop: stop)
        var runner = self
        runner.setup.reopened = Set((state.reopened ?? []).compactMap(CoEvalPhase.init(rawValue:)))
        for phase in CoEvalPhase.allCases where phase <= last {
            let units = try await runner.units(of: phase, in: session)
            try await runner.execute(units, phase: phase, in: session)
            try await runner.finish(phase, in: session)
            if let progress { progress(await session.report(phase, units: units.count)) }
        }
        return try await conclude(session)
    }

    func units(of phase: CoEvalPhase, in session: CoEvalSession) async throws -> [CoEvalUnit] {
        switch phase {
        case .attributeMapping: try await attributeUnits(session)
        case .rubricMapping: try await rubricUnits(session)
        case .dataGeneration: try await itemUnits(session)
        case .responseCollection: try await responseUnits(session)
        case .evaluation: try await evaluationUnits(session)
        }
    }

    /// Phases 1-2 merge the teachers' proposals once every teacher has answered.
    private func finish(_ phase: CoEvalPhase, in session: CoEvalSession) async throws {
        switch phase {
        case .attributeMapping: try await mergeAttributes(session)
        case .rubricMapping: try await mergeRubrics(session)
        default: break
        }
    }

    private func conclude(_ session: CoEvalSession) async throws -> CoEvalOutcome {
        let tally = await session.tally
        var state = try await store.coevalState(ofRun: session.runID)
        state.stops = await session.stops
        if session.stop.level > .running, !state.stops.contains(where: { $0.reason == "interrupted" }) {
            state.stops.append(CoEvalStop(model: nil, phase: .evaluation, reason: "interrupted"))
        }
        try await store.saveCoEvalState(state, ofRun: session.runID)
        let status = try await CoEvalStatus.build(runID: session.runID, store: store, setup: setup)
        let complete = status.phases.allSatisfy { $0.done >= $0.expected }
        if complete, state.reopened != nil {
            state.reopened = nil
            try await store.saveCoEvalState(state, ofRun: session.runID)
        }
        let reason = complete ? nil : (state.stops.first?.reason ?? "\(status.phases.map(\.gaps).reduce(0, +)) gap(s), \(status.phases.map(\.rejected).reduce(0, +)) rejected")
        try await store.updateRun(session.runID, status: complete ? .completed : .stopped, stopReason: reason)
        return CoEvalOutcome(
            runID: session.runID, status: complete ? .completed : .stopped, made: tally[.done] ?? [:],
            rejected: tally[.rejected] ?? [:], failed: tally[.failed] ?? [:], stopped: tally[.stopped] ?? [:],
            stops: state.stops)
    }

    /// The effective mode of `phase` and whether it should run at all given what is stored.
    func candidates(_ all: [CoEvalUnit], phase: CoEvalPhase, existing: [(id: String, task: String, model: String)]) -> [CoEvalUnit] {
        let all = all.filter { setup.includes($0.model) }
        let ids = Set(existing.map(\.id))
        switch setup.mode(of: phase) {
        case .keep:
            return existing.isEmpty ? all : []
        case .model:
            let pairs = Set(existing.map { "\($0.task)\u{0}\($0.model)" })
            return all.filter { !pairs.contains("\($0.task)\u{0}\($0.model)") }
        case .new, .extend:
            return all.filter { !ids.contains($0.id) }
        }
    }
}

/// How one phase went in this invocation: units attempted and how they ended.
public struct CoEvalPhaseReport: Sendable, Hashable, Codable {
    public var phase: CoEvalPhase
    /// Units the phase's mode asked for (0 when everything was already there, or for Keep).
    public var units: Int
    public var done: Int
    public var rejected: Int
    public var failed: Int
    public var stopped: Int

    /// `3 data_generation: 12 units, 11 done, 1 rejected`.
    public var line: String {
        var text = "\(phase): \(units) unit\(units == 1 ? "" : "s")"
        for (count, word) in [(done, "done"), (rejected, "rejected"), (failed, "failed"), (stopped, "left undone")] where count > 0 {
            text += ", \(count) \(word)"
        }
        return text
    }
}

extension CoEvalSetup {
    /// The `dataset` of a CoEval run's record, which tells `quorum runs` readers what it is.
    public static let datasetMarker = "coeval"
}
