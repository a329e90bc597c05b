import QuorumCore
import QuorumStore

/// A run left to workers: what `quorum run --enqueue-only` did.
public struct EnqueuedRun: Sendable {
    public var prepared: PreparedRun
    /// Failed pairs and pairs held back by a budget or quota made claimable again (a continued run).
    public var requeued: Int
}

extension RunLauncher {
    /// Records the run (or continues it) in `queue` with every missing pair pending and answers
    /// nothing: workers (`RunWorker`) do the work. Continuing a run also requeues its failed pairs
    /// and those held back by a budget or quota, so workers started after raising the budget take them.
    public func enqueue(_ request: RunRequest, scoring: String?, on queue: any WorkQueue) async throws -> EnqueuedRun {
        var prepared = try await RunLauncher(config: config, store: queue).prepare(request, scoring: scoring)
        var requeued = 0
        if prepared.isContinuation {
            requeued = try await queue.requeue(run: prepared.run.id)
            prepared.stored = try await queue.items(ofRun: prepared.run.id)
        }
        return EnqueuedRun(prepared: prepared, requeued: requeued)
    }
}
