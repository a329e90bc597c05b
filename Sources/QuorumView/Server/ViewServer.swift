import Hummingbird
import Logging
import QuorumEvaluation
import QuorumStore

/// `quorum view`: a local web app over a run store. Browse runs, read items and their traces,
/// put two systems side by side, and judge answers by hand (rubric or blind A/B), saved to the
/// same store `quorum judge apply` writes. Pages only read; judging is the one write. Pages and
/// assets are built in: no Node, no network.
public struct ViewServer: Sendable {
    public let store: any RunStore
    public let settings: ViewSettings
    public let logger: Logger
    let categories: ItemCategories

    /// `datasetDirectory` is where relative dataset paths of stored configs are found again, for
    /// item categories (the folder of `--config`; the current one when `nil`).
    public init(store: any RunStore, settings: ViewSettings, datasetDirectory: String? = nil, logger: Logger) {
        self.store = store
        self.settings = settings
        self.logger = logger
        categories = ItemCategories(baseDirectory: datasetDirectory)
    }

    /// The router with every page and endpoint, for serving or for in-process tests. Throws
    /// `.configuration` when the settings are refused (`ViewSettings.validate`).
    public func makeRouter() throws -> Router<BasicRequestContext> {
        try settings.validate()
        let router = Router(context: BasicRequestContext.self)
        router.add(middleware: LogRequestsMiddleware(.debug))
        router.add(middleware: ViewAuthMiddleware(key: settings.apiKey))
        ViewRoutes(store: store, categories: categories).add(to: router)
        return router
    }

    /// Serves until SIGINT or SIGTERM; `onRunning` gets the bound port (useful with port 0).
    public func run(onRunning: @escaping @Sendable (Int) async -> Void = { _ in }) async throws {
        let app = Application(
            router: try makeRouter(),
            configuration: .init(address: .hostname(settings.host, port: settings.port), serverName: "quorum-view"),
            onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? 0) },
            logger: logger)
        try await app.runService()
    }
}
