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
    var assembly: Assembly
    /// The experiment's scorer (`experiment.scoring`), when it has one.
    var scorer: (any Scorer)?

    /// Builds what `names` (systems or models) and the experiment's scoring judge need.
    static func make(
        _ config: QuorumConfig, systems names: [String], httpClient: HTTPClient, logger: Logger
    ) async throws -> RunComponents {
        let runtime = LocalRuntime(
            configuration: try LocalRuntimeConfiguration(environment: ProcessInfo.processInfo.environment), logger: logger)
        let judgeModel = config.experiment?.scoring?.judge.flatMap { config.judge(named: $0)?.model }
        let assembly = try await Assembly.assemble(
            config, for: names + (judgeModel.map { [$0] } ?? []), clients: HTTPClients(shared: httpClient), runtime: runtime, logger: logger)
        let systems = try names.map { name -> any AnswerSystem in
            guard let system = assembly.catalog.system(named: name, models: assembly.models) else {
                throw QuorumError(.configuration, "no system or model named '\(name)'")
            }
            return system
        }
        // A learned router without its file would fail every item: say so before anything is paid for.
        for case let router as LearnedRouterSystem in systems {
            if case .failure(let error) = router.router { throw error }
        }
        let scorer = try ScoringFactory.scorer(for: config, judges: assembly.catalog.judges)
        return RunComponents(models: assembly.models, systems: systems, assembly: assembly, scorer: scorer)
    }

    /// Makes the components, hands them to `body`, and shuts the HTTP client down afterwards.
    static func with<Result>(
        _ config: QuorumConfig, systems names: [String], connections: Int, logger: Logger,
        _ body: (RunComponents) async throws -> Result
    ) async throws -> Result {
        try await withHTTPClient(connections: connections) { httpClient in
            try await body(try await make(config, systems: names, httpClient: httpClient, logger: logger))
        }
    }
}

/// Runs `body` with a new HTTP client sized for `connections`, shut down afterwards whether `body`
/// returned or threw.
func withHTTPClient<Result>(connections: Int, _ body: (HTTPClient) async throws -> Result) async throws -> Result {
    let httpClient = makeHTTPClient(connections: connections)
    do {
        let result = try await body(httpClient)
        try await httpClient.shutdown()
        return result
    } catch {
        try? await httpClient.shutdown()
        throw error
    }
}

/// One HTTP client for the whole process, its connection pool sized for `connections` calls at once.
func makeHTTPClient(connections: Int) -> HTTPClient {
    HTTPClient(eventLoopGroupProvider: .singleton, configuration: httpClientConfiguration(connections: connections))
}

/// The client settings of every command: a pool sized for `connections` calls at once.
func httpClientConfiguration(connections: Int) -> HTTPClient.Configuration {
    var configuration = HTTPClient.Configuration(timeout: .init(connect: .seconds(10)))
    configuration.connectionPool = .init(
        idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: max(8, connections))
    // No tracer is ever bootstrapped here, and with the default no-op one AsyncHTTPClient still
    // parses the URL and builds span attributes on every request (2% of a `quorum serve` passthrough).
    configuration.tracing.tracer = nil
    return configuration
}
