import Foundation
import QuorumCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Launches, probes and signals server processes with POSIX calls.
///
/// Servers are spawned in their own session (`POSIX_SPAWN_SETSID`) so that they outlive the `quorum`
/// command that started them and a Ctrl-C in its terminal does not reach them.
enum ServerProcess {
    #if canImport(Darwin)
    static let spawnNewSession = Int16(POSIX_SPAWN_SETSID)
    #else
    /// glibc's `POSIX_SPAWN_SETSID` (2.26+); Swift does not see it because it is declared under `_GNU_SOURCE`.
    static let spawnNewSession: Int16 = 0x80
    #endif

    /// Starts `arguments` (`arguments[0]` is an absolute path) with stdin from /dev/null and
    /// stdout+stderr appended to `log`; returns the PID.
    static func spawn(_ arguments: [String], log: URL) throws -> Int32 {
        #if canImport(Darwin)
        var actions: posix_spawn_file_actions_t? = nil
        var attributes: posix_spawnattr_t? = nil
        #else
        var actions = posix_spawn_file_actions_t()
        var attributes = posix_spawnattr_t()
        #endif
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, log.path, O_WRONLY | O_CREAT | O_APPEND, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        // The calling thread is a pool thread whose mask blocks signals, and a mask is inherited: without
        // an empty mask and default handlers the server would ignore the SIGTERM of `stop`.
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        var defaultSignals = sigset_t()
        sigemptyset(&defaultSignals)
        for signal in [SIGTERM, SIGINT, SIGHUP, SIGPIPE, SIGQUIT] { sigaddset(&defaultSignals, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaultSignals)
        let flags = Int32(POSIX_SPAWN_SETSIGMASK) | Int32(POSIX_SPAWN_SETSIGDEF) | Int32(spawnNewSession)
        posix_spawnattr_setflags(&attributes, Int16(flags))

        let cArguments: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { cArguments.forEach { free($0) } }
        var pid: pid_t = 0
        let status = posix_spawn(&pid, arguments[0], &actions, &attributes, cArguments, environ)
        guard status == 0 else {
            throw QuorumError(
                .localRuntime, "cannot start \(arguments[0]): \(String(cString: strerror(status)))")
        }
        return pid
    }

    /// Whether `pid` is a live process (zombies of our own children are reaped and count as gone).
    static func isAlive(_ pid: Int32) -> Bool {
        var status: Int32 = 0
        if waitpid(pid, &status, WNOHANG) == pid { return false }
        return kill(pid, 0) == 0 || errno == EPERM
    }

    /// Whether `pid` runs llama.cpp's server, so a recycled PID is never signalled by mistake.
    /// Where `/proc` does not exist the answer is `true`: the PID file is all there is to go on.
    static func isLlamaServer(_ pid: Int32) -> Bool {
        let cmdline = URL(fileURLWithPath: "/proc/\(pid)/cmdline")
        guard FileManager.default.fileExists(atPath: "/proc/self") else { return true }
        guard let data = try? Data(contentsOf: cmdline) else { return false }
        return String(decoding: data, as: UTF8.self).contains("llama_cpp.server")
    }

    /// Sends `signal` to the server's whole session (its PID is also its process-group id).
    static func send(_ signal: Int32, to pid: Int32) {
        if kill(-pid, signal) != 0 { kill(pid, signal) }
    }
}
