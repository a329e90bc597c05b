import Foundation
import Logging
import QuorumCore
import QuorumOrchestration
import QuorumStore
import Synchronization

/// What one worker did, and where the run stood when it left.
public struct WorkerOutcome: Sendable, Hashable, Codable {
    public var worker: String
    public var state: WorkerRecord.State
    /// Pairs this worker answered and failed.
    public var answered: Int
    public var failed: Int
    /// The run's queue as the worker left it.
    public var queue: QueueState
    /// The run's status once the last worker left it (nil while others still work).
    public var runStatus: RunStatus?
    public var stopReason: String?
}

/// One worker's share of a run in a shared store: it claims a pair whenever a slot is free, answers
/// it with `ExperimentRunner`'s item loop (journal, ledger, scorer), saves it and claims the next.
/// Heartbeats keep its leases; when nothing is claimable it waits for leases other workers hold
/// (they may die and give their pairs back) and leaves once the run is drained. Any number of
/// workers on any machines may serve one run; the database decides who gets which pair.
public struct RunWorker: Sendable {
    public var runner: ExperimentRunner
    public var queue: any WorkQueue
    public var record: WorkerRecord
    /// How long a claim holds without a heartbeat; heartbeats come three times per lease.
    public var lease: Duration
    /// How often an idle worker looks again while other workers hold leases.
    public var poll: Duration

    public init(
        runner: ExperimentRunner, queue: any WorkQueue, record: WorkerRecord, lease: Duration = .seconds(60),
        poll: Duration = .seconds(1)
    ) {
        self.runner = runner
        self.queue = queue
        self.record = record
        self.lease = lease
        self.poll = poll
    }

    /// Works on the run until it is drained or `stop` is requested; leases not finished are given back.
    public func work(
        items: [DatasetItem], systems: [any AnswerSystem], stop: StopSignal = StopSignal(), progress: ProgressTracker? = nil
    ) async throws -> WorkerOutcome {
        let runID = record.runID
        let byItem = Dictionary(items.enumerated().map { ($1.id, (position: $0, item: $1)) }, uniquingKeysWith: { first, _ in first })
        let bySystem = Dictionary(systems.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        let ledger = SpendingLedger(budget: runner.budget, quotas: runner.quotas, shared: queue.ledger(ofRun: runID))
        let tracker: ProgressTracker
        if let progress {
            tracker = progress
        } else {
            tracker = ProgressTracker(systems: systems.map(\.name), items: try await queue.items(ofRun: runID), toDo: 0)
        }
        let counts = WorkerCounts()
        try await queue.register(record)
        let beats = Task { [record, queue, lease] in
            while !Task.isCancelled {
                try? await Task.sleep(for: lease / 3)
                do { try await queue.heartbeat(record.stamped(.working, counts: counts), lease: lease) } catch where !Task.isCancelled {
                    runner.logger.warning("heartbeat failed", metadata: ["worker": "\(record.id)", "error": "\(error)"])
                } catch {}
            }
        }
        defer { beats.cancel() }
        // The heartbeat writes the worker's state too: it must be over before the leaving is recorded.
        func endHeartbeats() async {
            beats.cancel()
            await beats.value
        }

        var state = QueueState()
        do {
            while stop.level == .running {
                _ = try await runner.answerAll(
                    next: {
                        guard stop.level == .running,
                            let pair = try await queue.claim(run: runID, worker: record.id, limit: 1, lease: lease).first
                        else { return nil }
                        guard let entry = byItem[pair.item], let system = bySystem[pair.system] else {
                            throw QuorumError(
                                .configuration,
                                "run \(runID) has (\(pair.system), \(pair.item)), which this worker's config does not; start workers with the run's config")
                        }
                        return ExperimentRunner.Work(position: entry.position, item: entry.item, system: system, hasStoredCalls: true)
                    },
                    runID: runID, ledger: ledger, stop: stop, tracker: tracker,
                    onSaved: counts.count)
                state = try await queue.queueState(ofRun: runID)
                if state.claimable + state.expired > 0 { continue }
                if state.leased == 0 { break }
                try await Task.sleep(for: poll)
            }
        } catch {
            await endHeartbeats()
            try? await queue.release(record.stamped(.stopped, counts: counts))
            throw error
        }
        let finished = stop.level == .running
        await endHeartbeats()
        try await queue.release(record.stamped(finished ? .finished : .stopped, counts: counts))
        state = try await queue.queueState(ofRun: runID)
        var outcome = WorkerOutcome(
            worker: record.id, state: finished ? .finished : .stopped, answered: counts.current.answered,
            failed: counts.current.failed, queue: state)
        if state.isDrained { (outcome.runStatus, outcome.stopReason) = try await close(runID, state: state) }
        return outcome
    }

    /// The drained run's status: completed when nothing is pending, else stopped with the first
    /// held-back pair's reason. Every worker that leaves a drained run writes the same thing.
    private func close(_ runID: String, state: QueueState) async throws -> (RunStatus, String?) {
        guard state.heldBack > 0 else {
            try await queue.updateRun(runID, status: .completed, stopReason: nil)
            return (.completed, nil)
        }
        let reason = try await queue.items(ofRun: runID).first { $0.status == .pending }?.note ?? "items left pending"
        try await queue.updateRun(runID, status: .stopped, stopReason: reason)
        return (.stopped, reason)
    }
}

extension WorkerRecord {
    /// This worker in `state` with its counts so far, as a heartbeat or its leaving records it.
    func stamped(_ state: State, counts: WorkerCounts) -> WorkerRecord {
        var stamped = self
        stamped.state = state
        (stamped.answered, stamped.failed) = counts.current
        return stamped
    }
}

/// Pairs one worker answered and failed, read by its heartbeat while the item loop counts.
final class WorkerCounts: Sendable {
    private let state = Mutex((answered: 0, failed: 0))

    var current: (answered: Int, failed: Int) { state.withLock { $0 } }

    func count(_ item: ItemRecord) {
        state.withLock { count in
            if item.status == .answered { count.answered += 1 }
            if item.status == .failed { count.failed += 1 }
        }
    }
}
