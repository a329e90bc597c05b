import ArgumentParser
import Foundation
import QuorumProviders

struct LocalStatus: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status", abstract: "Show each model's install and server state.")

    @Flag(help: "Print one JSON object per model.")
    var json = false

    func run() async throws {
        let runtime = try LocalSetup.runtime()
        let configuration = runtime.configuration
        if !json {
            let version = await LocalInstaller(configuration: configuration, logger: LocalSetup.logger())
                .installedServerVersion()
            print("home     \(configuration.home.path)")
            print("runtime  \(version.map { "llama-cpp-python \($0)" } ?? "not installed (run `quorum local install`)")")
        }
        for status in await runtime.status() {
            if json {
                let object: [String: Any] = [
                    "model": status.model, "installed": status.isInstalled, "state": status.state.rawValue,
                    "pid": status.pid.map { Int($0) } ?? NSNull(), "port": status.port,
                    "base_url": status.baseURL.absoluteString,
                ]
                let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
                print(String(decoding: data, as: UTF8.self))
            } else {
                let pid = status.pid.map { "pid \($0)" } ?? ""
                print("\(LocalSetup.column(status.model)) \(status.isInstalled ? "installed    " : "not installed")"
                    + "  \(status.state.rawValue.padding(toLength: 12, withPad: " ", startingAt: 0))"
                    + " \(status.baseURL.absoluteString)  \(pid)")
            }
        }
    }
}
