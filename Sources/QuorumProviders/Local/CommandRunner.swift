import Foundation
import Logging
import QuorumCore

/// Runs the helper commands of an install (venv, pip, cmake, the wheel assembler) to completion,
/// each under a watchdog, through `ChildProcess` (clean signal mask, own process group).
///
/// Output goes to a log file rather than the terminal: pip and a llama.cpp build print thousands of
/// lines, and a failure quotes the log's last lines instead.
struct CommandRunner: Sendable {
    var logger: Logger
    /// The children's environment: `quorum`'s own without credentials, so pip's and cmake's variables
    /// (`PIP_INDEX_URL`, `PIP_NO_CACHE_DIR`, `CMAKE_ARGS`, proxies, …) pass through and no API key does.
    var environment: [String: String] = ChildEnvironment.withoutSecrets(ProcessInfo.processInfo.environment)

    /// Runs `arguments` (looked up on `PATH` when `arguments[0]` has no slash), appending its output to
    /// `log`, under `watchdog`; `extraEnvironment` is added to the children's environment.
    func run(
        _ arguments: [String], log: URL, watchdog: Watchdog, extraEnvironment: [String: String] = [:],
        watching: (@Sendable () -> Int64)? = nil, onActivity: (@Sendable (ChildActivity) -> Void)? = nil
    ) async throws -> SupervisedOutcome {
        try FileManager.default.createDirectory(
            at: log.deletingLastPathComponent(), withIntermediateDirectories: true)
        let header = Data("$ \(arguments.joined(separator: " "))\n".utf8)
        if let handle = FileHandle(forWritingAtPath: log.path) {
            handle.seekToEndOfFile()
            handle.write(header)
            try? handle.close()
        } else {
            try header.write(to: log)
        }
        logger.debug("running", metadata: ["command": "\(arguments.joined(separator: " "))"])
        let command = ChildCommand(
            arguments, environment: environment.merging(extraEnvironment) { $1 }, output: .appending(to: log))
        return try await ChildProcess.run(command, watchdog: watchdog, watching: watching, onActivity: onActivity)
    }

    /// Runs `arguments` for at most `seconds` and returns its exit status and output (stderr included).
    func capture(_ arguments: [String], seconds: Int = 60) async throws -> (status: Int32, output: String) {
        let file = FileManager.default.temporaryDirectory
            .appendingPathComponent("quorum-\(UUID().uuidString).out")
        defer { try? FileManager.default.removeItem(at: file) }
        let command = ChildCommand(arguments, environment: environment, output: .appending(to: file))
        let outcome = try await ChildProcess.run(command, watchdog: Watchdog(deadline: .seconds(seconds)))
        let output = (try? String(contentsOf: file, encoding: .utf8)) ?? ""
        guard case .finished(let termination) = outcome else { return (124, output) }
        return (termination.shellStatus, output)
    }

    /// The last `count` lines of `log`, for error messages.
    static func tail(of log: URL, lines count: Int = 15) -> String {
        guard let text = try? String(contentsOf: log, encoding: .utf8) else { return "" }
        return text.split(separator: "\n", omittingEmptySubsequences: false).suffix(count).joined(separator: "\n")
    }
}
