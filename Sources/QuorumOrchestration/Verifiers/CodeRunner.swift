import Foundation
import QuorumCore

/// Runs an answer's Python code against tests in a `python3` subprocess, with a wall-time limit,
/// an address-space limit and sockets disabled.
///
/// The network is cut inside the interpreter (socket creation raises) because unprivileged
/// processes cannot enter a new network namespace here; the tests are trusted, the answer is not,
/// and the answer cannot undo the patch before it runs because the patch runs first in isolated
/// mode (`-I`: no user site, no environment variables, no current directory on the path).
public struct CodeRunner: Sendable, Hashable {
    /// Limits for one run.
    public struct Limits: Sendable, Hashable {
        /// Wall-clock seconds before the process is killed.
        public var seconds: Double
        /// Address-space limit in bytes.
        public var memoryBytes: Int

        public init(seconds: Double = 10, memoryBytes: Int = 512 * 1024 * 1024) {
            self.seconds = seconds
            self.memoryBytes = memoryBytes
        }
    }

    public var limits: Limits
    /// The interpreter; `python3` on the `PATH` by default.
    public var python: String

    public init(limits: Limits = Limits(), python: String = "python3") {
        self.limits = limits
        self.python = python
    }

    /// Whether the code in `answer` passes `tests` (Python statements, e.g. asserts or a `check()` call).
    public func verify(answer: String, tests: String) async -> Verifier.Outcome {
        let program = preamble + "\n" + CodeRunner.extractCode(from: answer) + "\n\n" + tests + "\n"
        do {
            let (status, output) = try await run(program)
            if status == 0 { return Verifier.Outcome(passed: true, detail: "tests passed") }
            if status == 137 || status == 124 {
                return Verifier.Outcome(passed: false, detail: "killed after \(limits.seconds)s")
            }
            let tail = String(output.suffix(300)).trimmingCharacters(in: .whitespacesAndNewlines)
            return Verifier.Outcome(passed: false, detail: "tests failed (exit \(status)): \(tail)")
        } catch {
            return Verifier.Outcome(passed: false, detail: "could not run python3: \(error)")
        }
    }

    /// The code to run: the first fenced block that defines something, else the first fenced
    /// block, else the whole answer.
    public static func extractCode(from answer: String) -> String {
        var blocks: [String] = []
        var rest = answer[...]
        while let open = rest.range(of: "```") {
            var body = rest[open.upperBound...]
            if let newline = body.firstIndex(of: "\n") { body = body[body.index(after: newline)...] }
            guard let close = body.range(of: "```") else { break }
            blocks.append(String(body[..<close.lowerBound]))
            rest = body[close.upperBound...]
        }
        return blocks.first { $0.contains("def ") || $0.contains("class ") } ?? blocks.first ?? answer
    }

    var preamble: String {
        """
        import resource as _r, socket as _s
        _r.setrlimit(_r.RLIMIT_AS, (\(limits.memoryBytes), \(limits.memoryBytes)))
        def _no_network(*args, **kwargs):
            raise OSError("network access is disabled")
        class _NoSocket(_s.socket):
            def __init__(self, *args, **kwargs):
                _no_network()
        _s.socket = _NoSocket
        _s.create_connection = _no_network
        _s.getaddrinfo = _no_network
        del _r, _s
        """
    }

    /// Exit status and combined output of running `program`; a run killed at the time limit reads
    /// as 137 (128 + SIGKILL), as in a shell.
    func run(_ program: String) async throws -> (Int32, String) {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("quorum-code-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let script = directory.appendingPathComponent("program.py")
        let log = directory.appendingPathComponent("output.txt")
        try program.write(to: script, atomically: true, encoding: .utf8)
        // Only what finding the interpreter needs: the answer's code never sees API keys.
        let command = ChildCommand(
            [python, "-I", "-B", script.path],
            environment: ChildEnvironment.minimal(from: ProcessInfo.processInfo.environment),
            directory: directory, output: .appending(to: log))
        // At the limit the whole process group goes: whatever the answer's code started goes with it.
        let watchdog = Watchdog(
            deadline: .milliseconds(Int(limits.seconds * 1000)), grace: .zero, interval: .milliseconds(50))
        let status: Int32
        switch try await ChildProcess.run(command, watchdog: watchdog) {
        case .finished(let termination): status = termination.shellStatus
        case .stalled, .timedOut: status = 128 + SIGKILL
        }
        let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        return (status, text)
    }
}
