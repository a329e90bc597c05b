import Foundation
import Logging
import QuorumCoEval
import QuorumProviders

/// Batch clients for the models `setup` batches, over `clients`; poll interval from
/// `QUORUM_BATCH_POLL_SECONDS` (default 30 s), one progress line per submit and poll on stderr.
func coevalBatching(_ setup: CoEvalSetup, clients: HTTPClients, logger: Logger) -> BatchSettings {
    let factory = ModelFactory(clients: clients, logger: logger)
    return BatchSettings(
        clients: BatchSettings.clients(for: setup, factory: factory), pollInterval: BatchSettings.pollInterval(),
        progress: { printError("  \($0)") })
}
