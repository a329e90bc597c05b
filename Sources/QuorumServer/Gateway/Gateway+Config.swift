import Foundation
import Logging
import QuorumCore
import QuorumOrchestration
import QuorumProviders
import QuorumRuntime
import QuorumStore

extension Gateway {
    /// Serves every system and model of `config` until SIGTERM or SIGINT: the config made live on one
    /// HTTP client per event loop (each request's upstream call stays on its connection's thread),
    /// local models started, and the clients shut down on every path. `onListening` gets the port
    /// and the names served, once the server accepts connections.
    /// With `keys`, requests need a key and virtual keys' budgets are held at the config's prices.
    public static func serve(
        _ config: QuorumConfig, settings: GatewaySettings, store: (any ServedTraceStore)? = nil,
        keys: (any VirtualKeyStore)? = nil, logger: Logger,
        onListening: @escaping @Sendable (_ port: Int, _ names: [String]) async -> Void = { _, _ in }
    ) async throws {
        let clients = HTTPClients.perEventLoop(configuration: .quorum(connections: 512))
        try await Assembly.with(config, clients: clients, logger: logger) { assembly in
            let gateway = Gateway(assembly, settings: settings, store: store, keys: keys, logger: logger)
            let names = gateway.targets.keys.sorted()
            try await gateway.run { port in await onListening(port, names) }
        }
    }

    /// A gateway over `assembly`: every model, and every system by name. Models and systems with
    /// `cache:` keep their answers in `store` when it can hold them, else in memory until restart.
    public init(
        _ assembly: Assembly, settings: GatewaySettings, store: (any ServedTraceStore)? = nil,
        keys: (any VirtualKeyStore)? = nil, logger: Logger
    ) {
        var targets = assembly.models.mapValues { ServedTarget.model($0) }
        for (name, system) in assembly.catalog.systems { targets[name] = .system(system) }
        let accounting = keys.map {
            KeyAccounting(store: $0, estimator: CostEstimator(prices: Self.prices(of: Array(targets.keys), in: assembly.config)))
        }
        let cacheStore = (store as? any ResponseCacheStore) ?? MemoryResponseCacheStore()
        let cache = ResponseCache(assembly.config, store: cacheStore, logger: logger)
        self.init(targets: targets, models: assembly.models, settings: settings, logger: logger, store: store, keys: accounting, cache: cache)
    }

    /// For each name, the prices of the models it may call: its own for a model; for a system,
    /// those of every model it reaches through levels and judges. Prices as the models are built
    /// with: the config's, else the built-in table's, a local model's notional one.
    static func prices(of names: [String], in config: QuorumConfig) -> [String: [Price]] {
        var prices: [String: [Price]] = [:]
        for name in names {
            prices[name] = config.modelNames(neededBy: [name]).compactMap { model in
                guard var configured = config.model(named: model) else { return nil }
                if configured.provider == "local" { configured = configured.withNotionalPrice() }
                return configured.price ?? PriceTable.builtIn.price(for: configured.model, provider: configured.provider)
            }
        }
        return prices
    }
}
