import Logging
import QuorumCoEval

/// `quorum coeval status RUN --fetch-batches`: polls the run's pending batches once with its
/// stored config (API keys from the environment), applies the ended ones and prints a line each.
func fetchCoEvalBatches(runID: String, store: any CoEvalStore) async throws {
    let results = try await CoEvalResults.load(runID: runID, from: store)
    let setup = results.setup
    var logger = Logger(label: "quorum.coeval")
    logger.logLevel = .warning
    let batches = try await withCoEvalBatching(setup, logger: logger) { batching in
        var runner = CoEvalRunner(setup: setup, store: store, models: [:], logger: logger)
        runner.batching = batching
        return try await runner.fetchBatches(runID)
    }
    for batch in batches {
        printError("batch \(batch.batchID) (\(batch.phase), \(batch.model), \(batch.customIDs.count) requests): \(batch.status)")
    }
    if batches.isEmpty { printError("run \(runID) has no batches") }
}
