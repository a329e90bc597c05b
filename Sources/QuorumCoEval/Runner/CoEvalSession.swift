import QuorumEvaluation
import QuorumOrchestration

/// The shared state of one invocation: the ledger, the stop signal, which models ran out of
/// quota, and a tally of how units ended.
actor CoEvalSession {
    let runID: String
    let state: CoEvalRunState
    let ledger: SpendingLedger
    nonisolated let stop: StopSignal
    private(set) var stops: [CoEvalStop] = []
    private(set) var tally: [CoEvalUnitOutcome: [Int: Int]] = [:]
    private var exhaustedModels: Set<String> = []
    private var budgetReached = false

    init(runID: String, state: CoEvalRunState, ledger: SpendingLedger, stop: StopSignal) {
        self.runID = runID
        self.state = state
        self.ledger = ledger
        self.stop = stop
    }

    /// Whether a unit for `model` may start: no interrupt, budget left, the model's quota not used up.
    func mayStart(_ model: String) -> Bool {
        stop.level == .running && !budgetReached && !exhaustedModels.contains(model)
    }

    func record(_ outcome: CoEvalUnitOutcome, phase: CoEvalPhase) {
        tally[outcome, default: [:]][phase.rawValue, default: 0] += 1
    }

    func report(_ phase: CoEvalPhase, units: Int) -> CoEvalPhaseReport {
        func count(_ outcome: CoEvalUnitOutcome) -> Int { tally[outcome]?[phase.rawValue] ?? 0 }
        return CoEvalPhaseReport(
            phase: phase, units: units, done: count(.done), rejected: count(.rejected), failed: count(.failed),
            stopped: count(.stopped))
    }

    func quotaReached(by model: String, in phase: CoEvalPhase, reason: String) {
        guard exhaustedModels.insert(model).inserted else { return }
        stops.append(CoEvalStop(model: model, phase: phase, reason: reason))
    }

    /// A batch whose results could not be had in this invocation (`--continue` picks it up).
    func batchLeftPending(_ batch: CoEvalBatch, reason: String) {
        stops.append(CoEvalStop(model: batch.model, phase: batch.phase, reason: reason))
    }

    /// Units of `model` not submitted because their lines' ceiling cost does not fit the budget or
    /// quota. Said once per model and phase; live units still start while the ledger allows them.
    func batchHeldBack(_ model: String, in phase: CoEvalPhase, reason: String) {
        guard !stops.contains(where: { $0.model == model && $0.phase == phase && $0.reason == reason }) else { return }
        stops.append(CoEvalStop(model: model, phase: phase, reason: reason))
    }

    func budgetReached(in phase: CoEvalPhase, reason: String) {
        guard !budgetReached else { return }
        budgetReached = true
        stops.append(CoEvalStop(model: nil, phase: phase, reason: reason))
    }
}
