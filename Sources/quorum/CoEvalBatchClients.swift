import Foundation
import Logging
import QuorumCoEval
import QuorumProviders

/// Runs `body` with batch clients for the models `setup` batches, over an HTTP client of their
/// own that is shut down afterwards; poll interval from `QUORUM_BATCH_POLL_SECONDS` (default 30 s),
/// one progress line per submit and poll on stderr.
func withCoEvalBatching<Result>(
    _ setup: CoEvalSetup, logger: Logger, _ body: (CoEvalBatching) async throws -> Result
) async throws -> Result {
    guard setup.allModels.contains(where: { !setup.batchedPhases(of: $0).isEmpty }) else {
        return try await body(CoEvalBatching())
    }
    let clients = HTTPClients.shared(connections: 4)
    return try await clients.closing {
        let factory = ModelFactory(clients: clients, logger: logger)
        return try await body(CoEvalBatching(
            clients: CoEvalBatching.clients(for: setup, factory: factory), pollInterval: CoEvalBatching.pollInterval(),
            progress: { printError("  \($0)") }))
    }
}
