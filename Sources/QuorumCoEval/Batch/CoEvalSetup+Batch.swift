import QuorumCore

extension CoEvalSetup {
    /// Whether `model`'s calls in `phase` go through its vendor's batch API: phases 3-5 only, the
    /// model's `batch: true` or `coeval.batch.VENDOR.PHASE: true`, and a vendor with a batch API.
    public func isBatched(_ model: String, in phase: CoEvalPhase) -> Bool {
        guard phase >= .dataGeneration, let configured = config.model(named: model), let vendor = configured.batchVendor,
            models(for: phase.role).contains(model)
        else { return false }
        if configured.batch == true { return true }
        return config.coeval?.batch?[vendor]?.includes(phaseKey: phase.key) == true
    }

    /// The phases in which `model`'s calls are batched.
    public func batchedPhases(of model: String) -> [CoEvalPhase] {
        CoEvalPhase.allCases.filter { isBatched(model, in: $0) }
    }
}
