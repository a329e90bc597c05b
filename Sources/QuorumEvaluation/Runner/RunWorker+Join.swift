import Foundation
import Logging
import QuorumCore
import QuorumOrchestration
import QuorumStore

/// What `quorum worker` was asked.
public struct WorkerRequest: Sendable {
    /// The run to serve; nil picks the newest running run of the store.
    public var runID: String?
    public var concurrency: Int
    public var lease: Duration

    public init(runID: String? = nil, concurrency: Int = 8, lease: Duration = .seconds(60)) {
        self.runID = runID
        self.concurrency = max(1, concurrency)
        self.lease = lease
    }
}

extension RunWorker {
    /// Joins a run of `queue` with `config`'s systems and works on it until it is drained or
    /// `stop` is requested. `started` sees the joined run and this worker's tracker first (for a
    /// progress line).
    public static func join(
        _ config: QuorumConfig, queue: any WorkQueue, request: WorkerRequest, stop: StopSignal, logger: Logger,
        started: (PreparedRun, WorkerRecord, ProgressTracker) -> Void = { _, _, _ in }
    ) async throws -> WorkerOutcome {
        var runID = request.runID ?? ""
        if request.runID == nil { runID = try await newestRunning(in: queue) }
        let prepared = try await RunLauncher(config: config, store: queue).join(runID)
        return try await RunComponents.with(
            config, systems: prepared.run.systems, connections: request.concurrency, logger: logger
        ) { components in
            let experiment = config.experiment
            let runner = ExperimentRunner(
                store: queue, models: components.models, scorer: components.scorer, concurrency: request.concurrency,
                budget: experiment?.budgetUSD, quotas: experiment?.quotas ?? [:],
                cache: ResponseCache(config, runStore: queue, logger: logger), logger: logger)
            let host = ProcessInfo.processInfo.hostName
            let pid = Int(ProcessInfo.processInfo.processIdentifier)
            let record = WorkerRecord(
                id: WorkerRecord.makeID(host: host, pid: pid), runID: runID, host: host, pid: pid,
                concurrency: request.concurrency, lease: request.lease)
            let state = try await queue.queueState(ofRun: runID)
            let tracker = ProgressTracker(
                systems: components.systems.map(\.name), items: prepared.stored, toDo: state.claimable + state.expired)
            started(prepared, record, tracker)
            let worker = RunWorker(runner: runner, queue: queue, record: record, lease: request.lease)
            return try await worker.work(items: prepared.items, systems: components.systems, stop: stop, progress: tracker)
        }
    }

    /// The newest run still running: what a worker started without `--run` serves.
    static func newestRunning(in queue: any WorkQueue) async throws -> String {
        guard let run = try await queue.runs().first(where: { $0.status == .running }) else {
            throw QuorumError(
                .store,
                "no running run in this store to work on; create one with `quorum run CONFIG --store URL --enqueue-only`, or name it with --run")
        }
        return run.id
    }
}
