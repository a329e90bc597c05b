import AsyncHTTPClient
import Foundation
import Logging
import QuorumCore
import QuorumEvaluation
import QuorumOrchestration
import QuorumProviders

/// The models, systems and scorer a run needs, assembled from the config (local models started on demand).
struct RunComponents {
    var models: [String: any ChatModel]
    var systems: [any AnswerSystem]
    var scorer: (any Scorer)?

    /// Assembles what `names` need, hands it to `body`, and shuts the HTTP client down afterwards.
    static func with<Result>(
        _ config: QuorumConfig, systems names: [String], connections: Int, logger: Logger,
        _ body: (RunComponents) async throws -> Result
    ) async throws -> Result {
        let httpClient = makeHTTPClient(connections: connections)
        do {
            let judgeModels = config.experiment?.scoring?.judge.flatMap { config.judge(named: $0)?.model }
            let runtime = LocalRuntime(
                configuration: try LocalRuntimeConfiguration(environment: ProcessInfo.processInfo.environment),
                logger: logger)
            let assembly = try await Assembly.assemble(
                config, for: names + (judgeModels.map { [$0] } ?? []), httpClient: httpClient, runtime: runtime,
                logger: logger)
            let systems = try names.map { name in
                guard let system = assembly.catalog.system(named: name, models: assembly.models) else {
                    throw QuorumError(.configuration, "system '\(name)' could not be built")
                }
                return system
            }
            let scorer = try ScoringFactory.scorer(for: config, judges: assembly.catalog.judges)
            let result = try await body(RunComponents(models: assembly.models, systems: systems, scorer: scorer))
            try await httpClient.shutdown()
            return result
        } catch {
            try? await httpClient.shutdown()
            throw error
        }
    }
}

/// One HTTP client for the whole process, its connection pool sized for `connections` calls at once.
func makeHTTPClient(connections: Int) -> HTTPClient {
    var configuration = HTTPClient.Configuration(timeout: .init(connect: .seconds(10)))
    configuration.connectionPool = .init(
        idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: max(8, connections))
    return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
}
