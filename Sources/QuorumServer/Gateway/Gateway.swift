import Foundation
import HTTPTypes
import Hummingbird
import Logging
import QuorumCore
import QuorumOrchestration
import QuorumProviders
import QuorumStore
import ServiceLifecycle

/// The OpenAI-compatible gateway: every configured system and model served as a model.
public struct Gateway: Sendable {
    public let targets: [String: ServedTarget]
    public let models: [String: any ChatModel]
    public let settings: GatewaySettings
    public let logger: Logger
    /// Virtual keys with budgets, when the gateway has a key store.
    public let keys: KeyAccounting?
    let metrics: GatewayMetrics
    let traces: TraceCache
    /// Answers identical requests to models and systems with `cache:`; `nil` when none has one.
    public let cache: ResponseCache?

    /// `targets` are what requests may name; `models` are what systems call. With a `store`, every
    /// request's trace is also kept there (written in the background while `run` serves), and
    /// `GET /v1/traces/{id}` reads it back once the memory cache has moved on, after a restart, or
    /// when another replica on the same PostgreSQL store answered the request. With `keys`, every
    /// request needs a key: a static one from `settings`, or a virtual one with its limits. With a
    /// `cache`, identical requests to the models and systems it has a policy for are answered from it.
    public init(
        targets: [String: ServedTarget], models: [String: any ChatModel], settings: GatewaySettings, logger: Logger,
        store: (any ServedTraceStore)? = nil, keys: KeyAccounting? = nil, cache: ResponseCache? = nil
    ) {
        self.cache = cache
        self.targets = targets
        self.models = models
        self.settings = settings
        self.logger = logger.deferringMetadata
        self.keys = keys
        metrics = GatewayMetrics(known: targets.keys)
        traces = TraceCache(archive: store.map { TraceArchive(store: $0, logger: logger) })
    }

    /// The router with every endpoint, for running or for in-process tests.
    public func makeRouter() throws -> Router<GatewayContext> {
        let verifier = try APIKeyVerifier(keys: settings.apiKeys, hexDigests: settings.apiKeyDigests)
        if verifier.isEmpty, keys == nil, !settings.isLoopback, !settings.allowPublicWithoutKeys {
            throw GatewayStartError(
                "refusing to serve on \(settings.host) with no API key: configure server.api_keys, or pass --insecure-public")
        }
        let router = Router(context: GatewayContext.self)
        router.add(middleware: AccessLogMiddleware())
        router.get("/healthz") { _, _ in "ok" }
        router.get("/metrics") { [metrics, models] _, _ in
            Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4"],
                body: ResponseBody(byteBuffer: ByteBuffer(string: metrics.render() + DeploymentMetrics.render(models))))
        }
        let chat = ChatCompletionsHandler(
            targets: targets, models: models, settings: settings, metrics: metrics, traces: traces, keys: keys, cache: cache, logger: logger)
        let api = router.group("v1").add(middleware: APIKeyMiddleware(verifier: verifier, keys: keys))
        api.post("chat/completions") { request, context in
            try await EventLoopAffinity.run { try await chat.handle(request, context: context) }
        }
        api.get("models") { [targets] _, context in
            let created = Int(Date().timeIntervalSince1970)
            // A virtual key sees the models it may use.
            let names = targets.keys.filter { context.virtualKey?.allows(model: $0) ?? true }
            let entries = names.sorted().map { name -> ModelList.Entry in
                let owner = if case .system = targets[name]! { "quorum-system" } else { "quorum" }
                return ModelList.Entry(id: name, created: created, ownedBy: owner)
            }
            return JSONResponses.response(ModelList(data: entries))
        }
        api.get("traces/{id}") { [traces] _, context in
            let id = try context.parameters.require("id")
            guard let trace = try await traces.lookUp(id: id) else {
                return JSONResponses.error(
                    GatewayError(status: .notFound, message: "no trace with id '\(id)'", type: "invalid_request_error",
                                 param: "id", code: "trace_not_found"))
            }
            return JSONResponses.response(trace)
        }
        return router
    }

    /// Serves until SIGTERM/SIGINT, then stops accepting and lets in-flight requests finish for up to
    /// `settings.shutdownGrace`; what is still running then is cancelled (streams end, upstream calls stop).
    public func run(onRunning: @escaping @Sendable (Int) async -> Void = { _ in }) async throws {
        let app = Application(
            router: try makeRouter(),
            configuration: .init(address: .hostname(settings.host, port: settings.port), serverName: "quorum"),
            onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? 0) },
            logger: logger)
        var lifecycle = ServiceGroupConfiguration(services: [app], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
        lifecycle.maximumGracefulShutdownDuration = settings.shutdownGrace
        let service = ServiceGroup(configuration: lifecycle)
        guard let archive = traces.archive else { return try await service.run() }
        // The archive writes while the server runs and, after the last request finished, the rest.
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await archive.run() }
            do {
                try await service.run()
            } catch {
                archive.finish()
                throw error
            }
            archive.finish()
            try await group.waitForAll()
        }
    }
}
