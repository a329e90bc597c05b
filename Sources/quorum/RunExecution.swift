import Logging
import QuorumCore
import QuorumEvaluation
import QuorumOrchestration
import QuorumProviders
import QuorumStore

/// Answers a prepared run's pending pairs with a progress line, Ctrl-C stopping it cleanly: what
/// `quorum run` and `quorum calibrate` both do once the run is in the store.
func executeRun(
    _ prepared: PreparedRun, components: RunComponents, config: QuorumConfig, store: any RunStore,
    concurrency: Int, logger: Logger
) async throws -> RunOutcome {
    try await withRunBatching(config, logger: logger) { batching in
        try await executeRun(
            prepared, components: components, config: config, store: store, concurrency: concurrency, batching: batching,
            logger: logger)
    }
}

private func executeRun(
    _ prepared: PreparedRun, components: RunComponents, config: QuorumConfig, store: any RunStore,
    concurrency: Int, batching: BatchSettings, logger: Logger
) async throws -> RunOutcome {
    let experiment = config.experiment
    let runner = ExperimentRunner(
        store: store, models: components.models, scorer: components.scorer, concurrency: concurrency,
        budget: experiment?.budgetUSD, quotas: experiment?.quotas ?? [:],
        cache: ResponseCache(config, runStore: store, logger: logger), batching: batching, logger: logger)
    let stop = StopSignal()
    let interrupts = RunInterrupts(stop)
    defer { withExtendedLifetime(interrupts) {} }
    let tracker = ProgressTracker(systems: components.systems.map(\.name), items: prepared.stored, toDo: prepared.toDo)
    printError("run \(prepared.run.id): \(prepared.toDo) pairs to answer")
    return try await withThrowingTaskGroup(of: RunOutcome?.self) { group in
        group.addTask {
            await RunProgressDisplay(tracker: tracker).show()
            return nil
        }
        let outcome = try await runner.run(
            prepared.run.id, items: prepared.items, systems: components.systems, stop: stop, progress: tracker)
        group.cancelAll()
        return outcome
    }
}
