import Logging
import QuorumCoEval
import QuorumProviders

/// `quorum coeval status RUN --fetch-batches`: polls the run's pending batches once with its
/// stored config (API keys from the environment), applies the ended ones and prints a line each.
func fetchCoEvalBatches(runID: String, store: any CoEvalStore) async throws {
    let results = try await CoEvalResults.load(runID: runID, from: store)
    let setup = results.setup
    var logger = Logger(label: "quorum.coeval")
    logger.logLevel = .warning
    let clients = HTTPClients.shared(connections: 4)
    let batches = try await clients.closing {
        var runner = CoEvalRunner(setup: setup, store: store, models: [:], logger: logger)
        runner.batching = coevalBatching(setup, clients: clients, logger: logger)
        return try await runner.fetchBatches(runID)
    }
    for batch in batches {
        printError("batch \(batch.batchID) (\(batch.phase), \(batch.model), \(batch.customIDs.count) requests): \(batch.status)")
    }
    if batches.isEmpty { printError("run \(runID) has no batches") }
}

/// One line per batch still pending, with how to pick it up (nothing when there is none).
func printPendingBatches(runID: String, store: any CoEvalStore) async throws {
    let pending = try await store.coevalBatches(ofRun: runID).filter(\.isPending)
    guard !pending.isEmpty else { return }
    print("\n\(pending.count) batch(es) pending; `quorum coeval status \(runID) --fetch-batches` or `--continue` picks them up:")
    for batch in pending {
        print("  \(batch.batchID) (\(batch.phase), \(batch.model), \(batch.customIDs.count) requests): \(batch.status)")
    }
}
