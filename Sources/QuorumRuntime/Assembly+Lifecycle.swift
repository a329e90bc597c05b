import Foundation
import Logging
import QuorumCore
import QuorumProviders

extension Assembly {
    /// `config` made live for `body`: the models, systems and judges `names` need (all when empty),
    /// local servers started if they are not running, and HTTP clients — `clients`, else one shared
    /// client sized for `connections` — shut down when `body` returns or throws.
    ///
    /// Local servers are left running: like Ollama's, they serve every later command and are
    /// stopped by `quorum local stop`.
    public static func with<Result>(
        _ config: QuorumConfig, for names: [String] = [], connections: Int = 8, clients: HTTPClients? = nil,
        logger: Logger, environment: [String: String] = ProcessInfo.processInfo.environment,
        _ body: (Assembly) async throws -> Result
    ) async throws -> Result {
        let owned = clients ?? .shared(connections: connections)
        return try await owned.closing {
            let runtime = LocalRuntime(configuration: try LocalRuntimeConfiguration(environment: environment), logger: logger)
            return try await body(
                try await assemble(config, for: names, clients: owned, runtime: runtime, logger: logger, environment: environment))
        }
    }

    /// `body` with the configured model `name` as an embedding model, its HTTP client shut down afterwards.
    public static func withEmbeddingModel<Result>(
        named name: String, in config: QuorumConfig, logger: Logger,
        environment: [String: String] = ProcessInfo.processInfo.environment,
        _ body: (any EmbeddingModel) async throws -> Result
    ) async throws -> Result {
        let clients = HTTPClients.shared(connections: 4)
        return try await clients.closing {
            let runtime = LocalRuntime(configuration: try LocalRuntimeConfiguration(environment: environment), logger: logger)
            let factory = ModelFactory(clients: clients, logger: logger, environment: environment)
            return try await body(try await embeddingModel(named: name, in: config, factory: factory, runtime: runtime))
        }
    }
}
