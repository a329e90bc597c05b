import Foundation
import QuorumCore

/// Facts the live suite needs about this machine: whether it should run, and where things are.
enum LiveEnvironment {
    static let isEnabled = ProcessInfo.processInfo.environment["QUORUM_LIVE"] == "1"

    static var quorumHome: URL {
        if let home = ProcessInfo.processInfo.environment["QUORUM_HOME"], !home.isEmpty {
            return URL(fileURLWithPath: home)
        }
        return FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".quorum")
    }

    /// The repository root (this file is Tests/QuorumLiveTests/LiveEnvironment.swift).
    static var repositoryRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    /// Runs `executable` with `arguments` to its end, returning its exit status, standard output and error.
    ///
    /// It waits without blocking a thread: the child is often a client of a server this test process
    /// runs (the gateway, a stub vendor), and Swift's pool has as many threads as cores — two tests
    /// blocked in a synchronous wait on 2 cores starved that server until the client timed out.
    static func run(
        _ executable: String, _ arguments: [String], deadline: Duration = .seconds(600),
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) async throws -> (status: Int32, output: String, error: String) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("quorum-live-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        // Standard error is told apart by a shell redirect: ChildProcess sends both streams to one file.
        let output = folder.appendingPathComponent("out"), errors = folder.appendingPathComponent("err")
        let quoted = ([executable] + arguments).map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }
        let outcome = try await ChildProcess.run(
            ChildCommand(
                ["/bin/sh", "-c", quoted.joined(separator: " ") + " 2>'\(errors.path)'"],
                environment: environment, output: .appending(to: output)),
            watchdog: Watchdog(deadline: deadline))
        guard case .finished(let termination) = outcome else {
            throw QuorumError(.timeout, "\(executable) ran for more than \(deadline) and was killed")
        }
        let read = { (file: URL) in (try? String(contentsOf: file, encoding: .utf8)) ?? "" }
        return (termination.shellStatus, read(output), read(errors))
    }

    /// Starts `command` through `ChildProcess` (clean signals, own group) and blocks until it ends,
    /// 10 minutes at most. Only for the suite's synchronous start/stop scripts (PostgreSQL, MLflow),
    /// which depend on nothing in this process: a child that talks to a server this process runs must
    /// be awaited with `run` or `wait(for:)` instead, or the blocked thread can starve that server.
    static func runToEnd(_ command: ChildCommand) throws -> Int32 {
        let child = try ChildProcess.spawn(command)
        for _ in 0..<60_000 {
            if let termination = child.poll() { return termination.shellStatus }
            usleep(10_000)
        }
        child.signalGroup(SIGKILL)
        throw QuorumError(.timeout, "\(command.arguments[0]) ran for more than 10 minutes")
    }
}
