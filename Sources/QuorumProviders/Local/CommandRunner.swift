import Foundation
import Logging
import QuorumCore

/// Runs the short-lived helper commands of an install (venv, pip, the wheel assembler) to completion.
///
/// Output goes to a log file rather than the terminal: pip and a llama.cpp build print thousands of
/// lines, and a failure quotes the log's last lines instead.
struct CommandRunner: Sendable {
    var logger: Logger

    /// Runs `arguments` (looked up on `PATH` when `arguments[0]` has no slash), appending its output to
    /// `log`. The child inherits this process's environment, so pip's own variables (`PIP_INDEX_URL`,
    /// `PIP_FIND_LINKS`, `CMAKE_ARGS`, …) pass through. Returns the exit status.
    func run(_ arguments: [String], log: URL) async throws -> Int32 {
        try FileManager.default.createDirectory(
            at: log.deletingLastPathComponent(), withIntermediateDirectories: true)
        if !FileManager.default.fileExists(atPath: log.path) {
            _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        }
        let output = try FileHandle(forWritingTo: log)
        defer { try? output.close() }
        output.seekToEndOfFile()
        output.write(Data("$ \(arguments.joined(separator: " "))\n".utf8))
        logger.debug("running", metadata: ["command": "\(arguments.joined(separator: " "))"])
        return try await run(arguments, output: output)
    }

    /// Runs `arguments` and returns its exit status and standard output (stderr is discarded).
    func capture(_ arguments: [String]) async throws -> (status: Int32, output: String) {
        let file = FileManager.default.temporaryDirectory
            .appendingPathComponent("quorum-\(UUID().uuidString).out")
        _ = FileManager.default.createFile(atPath: file.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: file) }
        let handle = try FileHandle(forWritingTo: file)
        let status = try await run(arguments, output: handle, errors: FileHandle.nullDevice)
        try handle.close()
        return (status, (try? String(contentsOf: file, encoding: .utf8)) ?? "")
    }

    private func run(_ arguments: [String], output: FileHandle, errors: FileHandle? = nil) async throws -> Int32 {
        let process = Process()
        if arguments[0].contains("/") {
            process.executableURL = URL(fileURLWithPath: arguments[0])
            process.arguments = Array(arguments.dropFirst())
        } else {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = arguments
        }
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = output
        process.standardError = errors ?? output
        return try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { finished in continuation.resume(returning: finished.terminationStatus) }
            do {
                try process.run()
            } catch {
                process.terminationHandler = nil
                continuation.resume(
                    throwing: QuorumError(.localRuntime, "cannot run \(arguments[0]): \(error.localizedDescription)"))
            }
        }
    }

    /// The last `count` lines of `log`, for error messages.
    static func tail(of log: URL, lines count: Int = 15) -> String {
        guard let text = try? String(contentsOf: log, encoding: .utf8) else { return "" }
        return text.split(separator: "\n", omittingEmptySubsequences: false).suffix(count).joined(separator: "\n")
    }
}
