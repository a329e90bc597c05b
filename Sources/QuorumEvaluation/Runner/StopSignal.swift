import Synchronization

/// How a user stops a run: the first request stops starting work and lets in-flight items finish;
/// the second abandons the items in flight. Shared between a signal handler and the runner.
public final class StopSignal: Sendable {
    /// What has been asked so far.
    public enum Level: Int, Sendable, Comparable {
        case running, stopping, abandoning

        public static func < (lhs: Level, rhs: Level) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    private let state = Mutex(Level.running)

    public init() {}

    /// Escalates one step (running → stopping → abandoning) and returns the new level.
    @discardableResult
    public func request() -> Level {
        state.withLock { level in
            level = Level(rawValue: min(level.rawValue + 1, Level.abandoning.rawValue)) ?? .abandoning
            return level
        }
    }

    public var level: Level { state.withLock { $0 } }
}
