import Foundation
import QuorumTesting
import QuorumCore
import Testing

/// The `quorum` executable `swift build` made (`QuorumTesting`), or `nil` before it has.
let quorumBinary = quorumExecutable

/// Starts `quorum serve CONFIG --port 0 --log-level warning` plus `options` through `ChildProcess`
/// (clean signal mask, its own process group) with its output in `serve.log` beside the config;
/// returns the child and the port its banner announces ("quorum serve: listening on
/// http://127.0.0.1:PORT/v1 — …"). The banner is awaited by polling the log, never by a blocking read.
func startServe(_ config: URL, options: [String] = []) async throws -> (ChildProcess, Int) {
    let log = config.deletingLastPathComponent().appendingPathComponent("serve.log")
    try? FileManager.default.removeItem(at: log)
    let child = try ChildProcess.spawn(ChildCommand(
        [quorumBinary!, "serve", config.path, "--port", "0"] + options + ["--log-level", "warning"],
        environment: ProcessInfo.processInfo.environment, output: .appending(to: log)))
    for _ in 0..<1200 {
        let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        if let line = text.split(separator: "\n").first(where: { $0.contains("listening on") }),
            let port = line.split(separator: ":").compactMap({ Int($0.prefix { $0.isNumber }) }).last
        {
            return (child, port)
        }
        if child.poll() != nil { break }
        try await Task.sleep(for: .milliseconds(50))
    }
    await child.terminate(grace: .seconds(5))
    throw QuorumError(.internal, "quorum serve did not start: \((try? String(contentsOf: log, encoding: .utf8)) ?? "")")
}

/// Runs `quorum ARGUMENTS` to its end (a minute at most) with its output in a log in `folder`;
/// returns its exit status and output.
func quorumCommand(_ arguments: [String], in folder: URL) async throws -> (status: Int32, output: String) {
    let log = folder.appendingPathComponent("command-\(UUID().uuidString).log")
    let outcome = try await ChildProcess.run(
        ChildCommand([quorumBinary!] + arguments, environment: ProcessInfo.processInfo.environment, output: .appending(to: log)),
        watchdog: Watchdog(deadline: .seconds(60)))
    guard case .finished(let termination) = outcome else { throw QuorumError(.internal, "quorum \(arguments) \(outcome)") }
    return (termination.shellStatus, (try? String(contentsOf: log, encoding: .utf8)) ?? "")
}
