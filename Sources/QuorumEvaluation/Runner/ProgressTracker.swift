import Foundation
import QuorumCore
import QuorumStore
import Synchronization

/// A moment of a run's progress, per system: what a progress line shows.
public struct RunProgress: Sendable, Hashable, Codable {
    public struct SystemProgress: Sendable, Hashable, Codable {
        public var system: String
        public var total: Int
        /// Answered in this process or before it.
        public var answered: Int
        public var failed: Int
        /// Left pending by a stop (budget, quota, interrupt) in this process.
        public var stopped: Int
        public var cost: USD

        public var finished: Int { answered + failed }
    }

    public var systems: [SystemProgress]
    /// Items finished by this process (not counting those already done before it started).
    public var finishedNow: Int
    /// Seconds since this process started the run.
    public var elapsed: Double
    /// Items still to do in this process.
    public var remaining: Int

    /// Items per second in this process.
    public var rate: Double { elapsed > 0 ? Double(finishedNow) / elapsed : 0 }
    /// Seconds left at the current rate, when there is one.
    public var eta: Double? { rate > 0 ? Double(remaining) / rate : nil }
}

/// Counts a run's progress as items finish; read from the progress display while the runner writes.
public final class ProgressTracker: Sendable {
    private struct State {
        var systems: [RunProgress.SystemProgress]
        var index: [String: Int]
        var finishedNow = 0
        var remaining = 0
    }

    private let state: Mutex<State>
    private let start = ContinuousClock.now

    /// Starts from the stored items, so a continued run shows its true totals.
    public init(systems: [String], items: [ItemRecord], toDo: Int) {
        var progress = systems.map {
            RunProgress.SystemProgress(system: $0, total: 0, answered: 0, failed: 0, stopped: 0, cost: .zero)
        }
        let index = Dictionary(uniqueKeysWithValues: systems.enumerated().map { ($1, $0) })
        for item in items {
            guard let position = index[item.system] else { continue }
            progress[position].total += 1
            progress[position].cost += item.totalCost
            if item.status == .answered { progress[position].answered += 1 }
        }
        state = Mutex(State(systems: progress, index: index, remaining: toDo))
    }

    /// Records one finished (or stopped) item.
    func record(_ item: ItemRecord) {
        state.withLock { state in
            state.remaining -= 1
            guard let position = state.index[item.system] else { return }
            state.systems[position].cost += item.totalCost
            switch item.status {
            case .answered:
                state.systems[position].answered += 1
                state.finishedNow += 1
            case .failed:
                state.systems[position].failed += 1
                state.finishedNow += 1
            case .pending:
                state.systems[position].stopped += 1
            }
        }
    }

    public func snapshot() -> RunProgress {
        let elapsed = start.duration(to: .now)
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        return state.withLock { state in
            RunProgress(
                systems: state.systems, finishedNow: state.finishedNow, elapsed: seconds, remaining: state.remaining)
        }
    }
}
