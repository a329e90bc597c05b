import ArgumentParser
import Foundation
import Logging
import QuorumCore
import QuorumServer
import QuorumStore

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Serve every configured system and model as an OpenAI-compatible model.",
        discussion: """
            POST /v1/chat/completions (streaming too), GET /v1/models, GET /v1/traces/{id}, GET /healthz, \
            GET /metrics. With no server.api_keys configured the server only listens on loopback. \
            Traces of recent requests are kept in memory; with --store (or server.store) every trace \
            is also kept in that store and found there after a restart; replicas sharing one \
            postgres:// store answer for each other's traces. Models and systems with cache: keep \
            their answers in that store too (in memory without one). With --virtual-keys, every request \
            needs a key: a static one (server.api_keys) or one made by `quorum keys create` in the same \
            store, checked against its models, rate and budget.
            """)

    @Argument(help: "The YAML configuration file.")
    var config: String

    @Option(help: "Address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "Port to listen on (0 picks a free one).")
    var port = 8080

    @Option(help: "Seconds in-flight requests get to finish after SIGTERM/SIGINT before they are cancelled.")
    var shutdownGrace: Double = 30

    @Option(help: "Store that keeps every served trace, sqlite:PATH or postgres://… (default: the config's server.store; else memory only).")
    var store: String?

    @Flag(help: "Accept the virtual keys of --store (quorum keys create) with their budgets and limits (or server.virtual_keys: true); every request then needs a key.")
    var virtualKeys = false

    @Flag(help: "Allow listening beyond loopback with no API key configured.")
    var insecurePublic = false

    @Flag(help: "Include prompt and answer text in logs.")
    var logBodies = false

    @Option(help: "Log level: trace, debug, info, notice, warning, error.")
    var logLevel = "info"

    func run() async throws {
        Gateway.tuneProcess()
        let config = try loadConfig(self.config)
        var logger = Logger(label: "quorum.serve")
        logger.logLevel = Logger.Level(rawValue: logLevel) ?? .info
        logger = logger.deferringMetadata
        var settings = try GatewaySettings(
            server: config.server, host: host, port: port,
            keysFileDirectory: URL(fileURLWithPath: self.config).deletingLastPathComponent())
        settings.allowPublicWithoutKeys = insecurePublic
        settings.logBodies = logBodies
        settings.shutdownGrace = .milliseconds(Int64((max(0, shutdownGrace) * 1000).rounded()))
        do {
            // Opened before starting anything: a bad path fails at once.
            let virtualKeys = virtualKeys || config.server?.virtualKeys == true
            let opened = try await storeLocation(config)?.openGatewayStore()
            guard opened != nil || !virtualKeys else {
                throw ValidationError("virtual keys need a store: pass --store (the one `quorum keys create` used) or set server.store")
            }
            let traceStore: (any ServedTraceStore)? = opened
            let keyStore: (any VirtualKeyStore)? = virtualKeys ? opened : nil
            try await Gateway.serve(config, settings: settings, store: traceStore, keys: keyStore, logger: logger) { [host = settings.host] port, names in
                printError(
                    "quorum serve: listening on http://\(host):\(port)/v1 — \(plural(names.count, "model")): \(names.joined(separator: ", "))"
                        + (traceStore.map { "; traces kept in \($0.location)" } ?? "")
                        + (config.cachesResponses ? "; response cache in \(traceStore?.location ?? "memory")" : "")
                        + (keyStore == nil ? "" : "; virtual keys on"))
            }
        } catch {
            printError("quorum serve: \(error)")
            throw ExitCode.failure
        }
    }

    /// The store served traces (and, with --virtual-keys, keys) are kept in: `--store`, else
    /// `server.store` (relative to the config), else none. A SQLite file serves one gateway;
    /// replicas share a `postgres://` store.
    private func storeLocation(_ config: QuorumConfig) -> StoreLocation? {
        let folder = URL(fileURLWithPath: self.config).deletingLastPathComponent().path
        return store.map { StoreLocation($0) } ?? config.server?.store.map { StoreLocation($0, baseDirectory: folder) }
    }
}
