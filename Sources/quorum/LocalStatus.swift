import ArgumentParser
import Foundation
import QuorumProviders

struct LocalStatus: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status", abstract: "Show the runtime's install state and each model's server.")

    @Flag(help: "Print one JSON object instead of text.")
    var json = false

    func run() async throws {
        let runtime = try LocalSetup.runtime()
        let version = await LocalInstaller(configuration: runtime.configuration, logger: LocalSetup.logger())
            .installedServerVersion()
        let report = LocalStatusReport(
            home: runtime.configuration.home.path, server: runtime.configuration.server.name, runtimeVersion: version,
            models: await runtime.status().map(LocalStatusReport.Row.init))
        if json {
            try printJSON(report)
        } else {
            report.lines.forEach { print($0) }
        }
    }
}

/// What `quorum local status` prints, as text or (the same value) as JSON.
struct LocalStatusReport: Codable {
    struct Row: Codable {
        var model: String
        var installed: Bool
        var state: String
        var pid: Int32?
        var port: Int
        var baseURL: String

        enum CodingKeys: String, CodingKey {
            case model, installed, state, pid, port, baseURL = "base_url"
        }

        init(_ status: LocalServerStatus) {
            model = status.model
            installed = status.isInstalled
            state = status.state.rawValue
            pid = status.pid
            port = status.port
            baseURL = status.baseURL.absoluteString
        }
    }

    var home: String
    /// `llama-server` or `python` (`QUORUM_LOCAL_SERVER`).
    var server: String
    /// The pinned llama-cpp-python version it comes from, or `nil` when the runtime is not installed.
    var runtimeVersion: String?
    var models: [Row]

    enum CodingKeys: String, CodingKey {
        case home, server, runtimeVersion = "runtime_version", models
    }

    var lines: [String] {
        let runtime = runtimeVersion.map { "\(server) (llama.cpp of llama-cpp-python \($0))" } ?? "not installed (run `quorum local install`)"
        return ["home     \(home)", "runtime  \(runtime)"]
            + models.map { row in
                LocalSetup.column(row.model) + (row.installed ? "installed     " : "not installed ")
                    + row.state.padding(toLength: 13, withPad: " ", startingAt: 0) + row.baseURL
                    + (row.pid.map { "  pid \($0)" } ?? "")
            }
    }
}
