import Foundation
import QuorumCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Launches, probes and signals server processes with POSIX calls.
///
/// Servers are spawned in their own session so that they outlive the `quorum` command that started
/// them and a Ctrl-C in its terminal does not reach them.
enum ServerProcess {
    /// Starts `arguments` (`arguments[0]` is an absolute path) in its own session with stdin from
    /// /dev/null and stdout+stderr appended to `log`; returns the PID. The server gets `quorum`'s
    /// environment without credentials: it needs none.
    static func spawn(_ arguments: [String], log: URL) throws -> Int32 {
        let command = ChildCommand(
            arguments, environment: ChildEnvironment.withoutSecrets(ProcessInfo.processInfo.environment),
            output: .appending(to: log), grouping: .ownSession)
        return try ChildProcess.spawn(command).pid
    }

    /// Whether `pid` is a live process (zombies of our own children are reaped and count as gone).
    static func isAlive(_ pid: Int32) -> Bool {
        var status: Int32 = 0
        if waitpid(pid, &status, WNOHANG) == pid { return false }
        return kill(pid, 0) == 0 || errno == EPERM
    }

    /// Whether `pid` runs llama.cpp's server, so a recycled PID is never signalled by mistake.
    /// Where `/proc` does not exist the answer is `true`: the PID file is all there is to go on.
    static func isLlamaServer(_ pid: Int32, kind: LocalServerKind) -> Bool {
        let cmdline = URL(fileURLWithPath: "/proc/\(pid)/cmdline")
        guard FileManager.default.fileExists(atPath: "/proc/self") else { return true }
        guard let data = try? Data(contentsOf: cmdline) else { return false }
        return String(decoding: data, as: UTF8.self).contains(kind.commandLineMarker)
    }

    /// Sends `signal` to the server's whole session (its PID is also its process-group id).
    static func send(_ signal: Int32, to pid: Int32) {
        if kill(-pid, signal) != 0 { kill(pid, signal) }
    }
}
