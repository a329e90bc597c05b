import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A process Quorum started: the one place in Quorum that creates child processes.
///
/// Every child starts clean. `quorum`'s threads block most signals (Swift's and Dispatch's pool threads
/// do), and a signal mask is inherited across `fork`/`exec`: a child started the ordinary way cannot see
/// SIGCHLD, SIGTERM or SIGINT, so cmake waits forever for a `uname` it forked and a server ignores
/// `stop`. `spawn` therefore gives each child an empty mask, default handlers for every signal, its own
/// process group (or session), and exactly the environment its command names.
public struct ChildProcess: Sendable, Hashable {
    /// The child's process id; with `.ownGroup` or `.ownSession` it is also its process-group id.
    public let pid: Int32
    /// The command it runs, for messages.
    public let command: ChildCommand
    /// How it ended, once reaped, shared by every copy: after `waitpid` has returned the pid may
    /// belong to another process, so a reaped child is never waited on or signalled alone again
    /// (a second `terminate` returns at once instead of polling a pid that is gone).
    private let reaped: Reaped

    init(pid: Int32, command: ChildCommand) {
        self.pid = pid
        self.command = command
        reaped = Reaped()
    }

    public static func == (lhs: ChildProcess, rhs: ChildProcess) -> Bool { lhs.pid == rhs.pid && lhs.command == rhs.command }
    public func hash(into hasher: inout Hasher) { hasher.combine(pid) }

    /// How a child ended.
    public enum Termination: Sendable, Hashable {
        case exited(Int32)
        case signalled(Int32)

        /// The status a shell would show: the exit code, or 128 + the signal.
        public var shellStatus: Int32 {
            switch self {
            case .exited(let code): code
            case .signalled(let signal): 128 + signal
            }
        }
    }

    /// Starts `command`. Throws `.localRuntime` naming the program when it cannot be found or started.
    public static func spawn(_ command: ChildCommand) throws -> ChildProcess {
        guard let program = command.resolvedProgram() else {
            throw QuorumError(.localRuntime, "cannot run \(command.arguments[0]): not found on PATH")
        }
        var actions = FileActions()
        defer { actions.destroy() }
        try actions.prepare(for: command)
        var attributes = SpawnAttributes()
        defer { attributes.destroy() }
        attributes.startClean(grouping: command.grouping)

        let arguments: [UnsafeMutablePointer<CChar>?] = command.arguments.map { strdup($0) } + [nil]
        defer { arguments.forEach { free($0) } }
        let environment: [UnsafeMutablePointer<CChar>?] =
            command.environment.sorted { $0.key < $1.key }.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { environment.forEach { free($0) } }
        var pid: pid_t = 0
        let status = posix_spawn(&pid, program, &actions.raw, &attributes.raw, arguments, environment)
        guard status == 0 else {
            throw QuorumError(.localRuntime, "cannot start \(program): \(String(cString: strerror(status)))")
        }
        return ChildProcess(pid: pid, command: command)
    }

    /// How the child ended, or `nil` while it runs. Reaps it once it has ended: call `wait` or this,
    /// not `waitpid` elsewhere.
    public func poll() -> Termination? {
        reaped.state.withLock { ended in
            if let ended { return ended }
            var status: Int32 = 0
            let result = waitpid(pid, &status, WNOHANG)
            if result == pid {
                let signal = status & 0x7f
                ended = signal == 0 ? .exited((status >> 8) & 0xff) : .signalled(signal)
            } else if result == -1 && errno == ECHILD {
                // Reaped behind our back (a `waitpid` elsewhere): it has ended, how is unknown.
                ended = .exited(-1)
            }
            return ended
        }
    }

    /// Waits for the child to end without blocking a thread: it polls, from every millisecond at
    /// first (a short `python3` check) to every 50 ms (a build). Cancellation kills the process group;
    /// so does running past `deadline`, which then throws `.timeout` naming the command.
    public func wait(deadline: Duration? = nil) async throws -> Termination {
        let end = deadline.map { ContinuousClock.now + $0 }
        var pause = 1
        while true {
            if let termination = poll() { return termination }
            if let end, let deadline, ContinuousClock.now >= end {
                await terminate(grace: .seconds(2))
                throw QuorumError(.timeout, "\(command.commandLine) ran for more than \(deadline) and was killed")
            }
            do {
                try await Task.sleep(for: .milliseconds(pause))
            } catch {
                await terminate(grace: .seconds(2))
                throw error
            }
            pause = min(pause * 2, 50)
        }
    }

    /// Sends `signal` to the child's whole process group (to the child alone if the group is gone).
    public func signalGroup(_ signal: Int32) {
        // Once reaped only the group is signalled: a group id is not reused while members remain,
        // a bare pid may already be someone else's.
        if kill(-pid, signal) != 0 && reaped.state.withLock({ $0 == nil }) { kill(pid, signal) }
    }

    /// SIGTERM to the group, then SIGKILL after `grace`; reaps the child. Returns how it ended.
    @discardableResult
    public func terminate(grace: Duration) async -> Termination {
        if let ended = reaped.state.withLock({ $0 }) { return ended }
        signalGroup(SIGTERM)
        let deadline = ContinuousClock.now + grace
        while ContinuousClock.now < deadline {
            if let termination = poll() {
                signalGroup(SIGKILL)  // what it started may still run in the group
                return termination
            }
            try? await Task.sleep(for: .milliseconds(20))
        }
        signalGroup(SIGKILL)
        while true {
            if let termination = poll() { return termination }
            try? await Task.sleep(for: .milliseconds(10))
        }
    }
}

/// The shared, once-set record of how a child ended.
private final class Reaped: Sendable {
    let state = Mutex<ChildProcess.Termination?>(nil)
}
