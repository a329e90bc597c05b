import Foundation
import Logging
import QuorumCoEval
import QuorumCore
import QuorumEvaluation
import QuorumProviders

/// Runs `body` with batch clients for the models `config` marks `batch: true` (those at a vendor
/// with a batch API: OpenAI, Azure OpenAI, Anthropic), over an HTTP client of their own that is
/// shut down afterwards; poll interval from `QUORUM_BATCH_POLL_SECONDS` (default 30 s), one
/// progress line per submit and poll on stderr.
func withRunBatching<Result>(
    _ config: QuorumConfig, logger: Logger, _ body: (BatchSettings) async throws -> Result
) async throws -> Result {
    let batched = config.models.filter { $0.batch == true && $0.batchVendor != nil }
    guard !batched.isEmpty else { return try await body(BatchSettings()) }
    let clients = HTTPClients.shared(connections: 4)
    return try await clients.closing {
        let factory = ModelFactory(clients: clients, logger: logger)
        var made: [String: any BatchClient] = [:]
        for model in batched { made[model.name] = try factory.makeBatchClient(model) }
        return try await body(BatchSettings(
            clients: made, pollInterval: BatchSettings.pollInterval(), progress: { printError("  \($0)") }))
    }
}
