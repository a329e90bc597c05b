import AsyncHTTPClient
import Foundation
import Logging
import QuorumCore
import QuorumEvaluation
import QuorumOrchestration
import QuorumProviders

/// The models and systems a run needs, built from the config (local models started on demand).
struct RunComponents {
    var models: [String: any ChatModel]
    var systems: [any AnswerSystem]
    var assembly: Assembly

    static func make(
        _ config: QuorumConfig, systems names: [String], httpClient: HTTPClient, logger: Logger
    ) async throws -> RunComponents {
        let runtime = LocalRuntime(
            configuration: try LocalRuntimeConfiguration(environment: ProcessInfo.processInfo.environment), logger: logger)
        let assembly = try await Assembly.assemble(config, for: names, httpClient: httpClient, runtime: runtime, logger: logger)
        let systems = try names.map { name -> any AnswerSystem in
            guard let system = assembly.catalog.system(named: name, models: assembly.models) else {
                throw QuorumError(.configuration, "no system or model named '\(name)'")
            }
            return system
        }
        return RunComponents(models: assembly.models, systems: systems, assembly: assembly)
    }
}

/// One HTTP client for the whole process, its connection pool sized for `connections` calls at once.
func makeHTTPClient(connections: Int) -> HTTPClient {
    var configuration = HTTPClient.Configuration(timeout: .init(connect: .seconds(10)))
    configuration.connectionPool = .init(
        idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: max(8, connections))
    return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
}
