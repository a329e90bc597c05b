import AsyncHTTPClient
import Logging
import QuorumCore
import QuorumProviders
import QuorumTesting
import Synchronization

/// A clock a test moves by hand: cooldowns end when the test says so, nobody sleeps.
final class ManualClock: Sendable {
    private let instant = Mutex(ContinuousClock.now)

    func advance(by duration: Duration) { instant.withLock { $0 += duration } }

    var routing: RoutingClock { RoutingClock { [self] in instant.withLock { $0 } } }
}

/// Runs `body` with one stub server per script, all serving at once.
func withStubs<T: Sendable>(
    _ scripts: [[StubResponse]], _ body: ([StubServer]) async throws -> T
) async throws -> T {
    guard let first = scripts.first else { return try await body([]) }
    return try await StubServer.run(first) { server in
        try await withStubs(Array(scripts.dropFirst())) { rest in try await body([server] + rest) }
    }
}

/// The models of `configs` as `quorum` builds them (deployments routed, fallbacks added), over one
/// shared AsyncHTTPClient, with `clock` for cooldowns and a seeded shuffle.
func withRoutedModels<T: Sendable>(
    _ configs: [ModelConfig], clock: ManualClock = ManualClock(), _ body: ([String: any ChatModel]) async throws -> T
) async throws -> T {
    let clients = HTTPClients(shared: HTTPClient(eventLoopGroupProvider: .singleton))
    do {
        var factory = ModelFactory(
            clients: clients, logger: Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }, environment: [:],
            retryPolicy: RetryPolicy(baseDelay: 0.001))
        factory.routingClock = clock.routing
        factory.routingRandom = RoutingRandom(seed: 7)
        var models: [String: any ChatModel] = [:]
        for config in configs { models[config.name] = try factory.makeModel(config) }
        let result = try await body(factory.addingFallbacks(to: models, configs: configs))
        try await clients.shutdown()
        return result
    } catch {
        try? await clients.shutdown()
        throw error
    }
}

/// A deployment on a stub, with a price so `routing: cost` can rank it.
func stubDeployment(_ name: String, _ server: StubServer, price: String) -> DeploymentConfig {
    var deployment = DeploymentConfig(name: name, baseURL: server.baseURL + "/v1")
    deployment.price = Price(input: USD(string: price)!, output: USD(string: price)!)
    return deployment
}

/// A model entry on the OpenAI wire pointed at a stub (a custom base_url needs no key).
func stubModel(_ name: String, _ server: StubServer? = nil) -> ModelConfig {
    var config = ModelConfig(name: name, provider: "openai", model: "gpt-4o")
    config.baseURL = server.map { $0.baseURL + "/v1" }
    return config
}

let serverError = StubResponse.json(#"{"error":{"message":"boom"}}"#, status: .internalServerError)
