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
            their answers in that store too (in memory without one).
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
            let traceStore = try await traceStore(config)  // before starting anything: a bad path fails at once
            try await Gateway.serve(config, settings: settings, store: traceStore, logger: logger) { [host = settings.host] port, names in
                printError(
                    "quorum serve: listening on http://\(host):\(port)/v1 — \(plural(names.count, "model")): \(names.joined(separator: ", "))"
                        + (traceStore.map { "; traces kept in \($0.location)" } ?? "")
                        + (config.cachesResponses ? "; response cache in \(traceStore?.location ?? "memory")" : ""))
            }
        } catch {
            printError("quorum serve: \(error)")
            throw ExitCode.failure
        }
    }

    /// The store served traces are kept in: `--store`, else `server.store` (relative to the config), else
    /// none. A SQLite file serves one gateway; replicas share a `postgres://` store.
    private func traceStore(_ config: QuorumConfig) async throws -> (any ServedTraceStore)? {
        let folder = URL(fileURLWithPath: self.config).deletingLastPathComponent().path
        guard let location = store.map({ StoreLocation($0) }) ?? config.server?.store.map({ StoreLocation($0, baseDirectory: folder) })
        else { return nil }
        return try await location.openServedTraceStore()
    }
}
