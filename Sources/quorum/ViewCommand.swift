import ArgumentParser
import Foundation
import Logging
import QuorumCore
import QuorumStore
import QuorumView

/// `quorum view`: the local web app over a store.
struct ViewCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "view",
        abstract: "Browse runs, read traces, compare systems side by side and judge answers by hand, in a browser.",
        discussion: """
            Serves a web app on 127.0.0.1 (no network needed; nothing to install). Pages only read the store; \
            judging (a rubric per person, or blind A/B between two systems) saves to it as `quorum judge apply` does. \
            Listening beyond loopback needs an API key (QUORUM_VIEW_KEY, or --api-key); open http://HOST:PORT/?key=KEY once to sign in.
            """)

    @Option(name: .long, help: "The run store: a SQLite path, sqlite:PATH or postgres://… (default: the config's store, else quorum.db here).")
    var store: String?

    @Option(name: .long, help: "A config whose store: to use when --store is not given; its folder is where datasets are found for item categories.")
    var config: String?

    @Option(help: "Address to listen on; anything but loopback needs an API key.")
    var host = "127.0.0.1"

    @Option(help: "Port to listen on (0 picks a free one).")
    var port = 8090

    @Option(help: "The key every request must carry (prefer QUORUM_VIEW_KEY: a command line is visible to other users).")
    var apiKey: String?

    func run() async throws {
        let settings = ViewSettings(host: host, port: port, apiKey: apiKey ?? ProcessInfo.processInfo.environment["QUORUM_VIEW_KEY"])
        try settings.validate()  // before opening anything: a refused address fails at once
        let loaded = try config.map { try loadConfig($0) }
        let runStore = try await StoreLocation.resolve(flag: store, config: loaded).open()
        let folder = config.map { URL(fileURLWithPath: $0).deletingLastPathComponent().path }
        let server = ViewServer(store: runStore, settings: settings, datasetDirectory: folder, logger: Logger(label: "quorum.view"))
        try await server.run { [host] port in
            printError("quorum view: http://\(host):\(port)/ — Ctrl-C stops it" + (settings.apiKey == nil ? "" : " (sign in with ?key=KEY once)"))
        }
    }
}
