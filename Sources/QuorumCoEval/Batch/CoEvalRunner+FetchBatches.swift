import QuorumCore
import QuorumEvaluation
import QuorumOrchestration

extension CoEvalRunner {
    /// `quorum coeval status RUN --fetch-batches`: polls every pending batch of `runID` once and
    /// applies the ended ones to their phases (in phase order, so items fetched for phase 3 are
    /// there for phase 4's batch). Submits nothing and calls no model live; returns the run's
    /// batches as they now stand.
    public func fetchBatches(_ runID: String) async throws -> [CoEvalBatch] {
        let state = try await store.coevalState(ofRun: runID)
        let session = CoEvalSession(runID: runID, state: state, ledger: SpendingLedger(), stop: StopSignal())
        for phase in CoEvalPhase.allCases where phase >= .dataGeneration {
            let pending = try await store.coevalBatches(ofRun: runID).filter { $0.isPending && $0.phase == phase }
            guard !pending.isEmpty else { continue }
            let (prepared, _) = try await batchUnits(try await units(of: phase, in: session), phase: phase, session: session)
            let jobs = try await batchJobs(prepared, phase: phase, session: session, submitting: false)
            try await pollAndApply(jobs, session: session, once: true)
        }
        return try await store.coevalBatches(ofRun: runID)
    }
}
