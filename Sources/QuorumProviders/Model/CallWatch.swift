import NIOCore
import QuorumCore
import Synchronization

/// What one attempt has done so far, shared between the attempt and its watchdog.
///
/// A `final class` holding only a `Mutex`, hence `Sendable` without `@unchecked`.
final class CallWatch: Sendable {
    private struct State {
        var lastActivity: ContinuousClock.Instant
        var firstToken: ContinuousClock.Instant?
        var handedOut = false
    }

    private let state: Mutex<State>

    init(now: ContinuousClock.Instant = .now) { state = Mutex(State(lastActivity: now)) }

    /// Records that bytes arrived.
    func touch() { state.withLock { $0.lastActivity = .now } }

    /// Records that text was handed to the consumer.
    func handedOutText() {
        state.withLock {
            $0.handedOut = true
            if $0.firstToken == nil { $0.firstToken = .now }
        }
    }

    var lastActivity: ContinuousClock.Instant { state.withLock { $0.lastActivity } }
    /// Whether any text reached the consumer (then a failed stream must not be retried).
    var hasHandedOut: Bool { state.withLock { $0.handedOut } }
    var firstToken: ContinuousClock.Instant? { state.withLock { $0.firstToken } }
}

/// The time limits of one attempt: a deadline for the whole answer and, for streams, the longest
/// silence allowed between two pieces (counted from the start, so a server that never answers
/// is cut off too).
struct CallTimeouts: Sendable {
    var deadline: ContinuousClock.Instant
    var idle: Duration?

    /// The error when the deadline passed.
    func deadlineError(model: String) -> QuorumError {
        QuorumError(.timeout, "no complete answer before the request deadline", context: ["model": model])
    }

    /// The error when the stream was silent for longer than `idle`.
    func silenceError(model: String) -> QuorumError {
        QuorumError(
            .timeout, "the stream was silent for longer than \(idle ?? .zero) (stream idle timeout)", context: ["model": model])
    }
}

/// Runs `operation` and fails it with `.timeout` when the deadline passes or, if `idle` is set,
/// when `watch` sees no activity for that long. The operation is cancelled, which makes
/// AsyncHTTPClient drop the connection. The watchdog's timers run on `timers` (see `sleep(until:on:)`).
func withTimeouts<T: Sendable>(
    _ timeouts: CallTimeouts, watch: CallWatch, model: String, timers: any EventLoopGroup,
    _ operation: @escaping @Sendable () async throws -> T
) async throws -> T {
    let (deadline, idle) = (timeouts.deadline, timeouts.idle)
    return try await withThrowingTaskGroup(of: T?.self) { group in
        group.addTask { try await operation() }
        group.addTask {
            while true {
                let idleEnd = idle.map { watch.lastActivity + $0 }
                let wake = idleEnd.map { min($0, deadline) } ?? deadline
                try await sleep(until: wake, on: timers)
                let now = ContinuousClock.now
                if now >= deadline { throw timeouts.deadlineError(model: model) }
                if let idle, now >= watch.lastActivity + idle { throw timeouts.silenceError(model: model) }
            }
        }
        defer { group.cancelAll() }
        guard let first = try await group.next(), let value = first else {
            throw QuorumError(.internal, "timeout watchdog ended first", context: ["model": model])
        }
        return value
    }
}

/// `Task.sleep(until:)` on an event loop's timer. Every call arms a watchdog that is almost always
/// cancelled again; `Task.sleep`'s timer lives on a dispatch thread that must be woken to arm and
/// to cancel it, while an event loop timer armed from that loop's own thread costs no wake-up.
private func sleep(until wake: ContinuousClock.Instant, on timers: any EventLoopGroup) async throws {
    let (seconds, attoseconds) = ContinuousClock.now.duration(to: wake).components
    let nanoseconds = seconds.multipliedReportingOverflow(by: 1_000_000_000)
    let delay: TimeAmount =
        nanoseconds.overflow ? .hours(24 * 365) : .nanoseconds(nanoseconds.partialValue + attoseconds / 1_000_000_000)
    let timer = timers.any().scheduleTask(in: delay) {}
    do {
        try await withTaskCancellationHandler {
            try await timer.futureResult.get()
        } onCancel: {
            timer.cancel()
        }
    } catch {
        throw CancellationError()
    }
}
