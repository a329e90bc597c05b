import QuorumOrchestration

/// A run's pending pairs shared by any number of workers on any machines. The database does the
/// claiming, locking and accounting: a pair is claimed under a lease that heartbeats renew; a worker
/// that dies stops renewing, its leases expire and its pairs return to the pool, where another worker
/// finishes them, replaying every call the first one journaled.
///
/// Implemented by the PostgreSQL store; SQLite serves one process and is not a `WorkQueue`.
public protocol WorkQueue: RunStore {
    /// Records a worker joining a run (or its state changing).
    func register(_ worker: WorkerRecord) async throws
    /// Leases up to `limit` claimable pairs of the run to `worker`, in dataset order: pending, not
    /// leased (or the lease expired), and not held back by an exhausted budget or quota.
    func claim(run: String, worker: String, limit: Int, lease: Duration) async throws -> [PairKey]
    /// Renews every lease `worker` holds on the run and stamps its heartbeat with its counts.
    func heartbeat(_ worker: WorkerRecord, lease: Duration) async throws
    /// Gives back the leases of pairs `worker` has not saved and records its final state.
    func release(_ worker: WorkerRecord) async throws
    /// The run's workers, the most recently started first.
    func workers(ofRun id: String) async throws -> [WorkerRecord]
    /// What is left of the run's work as workers see it.
    func queueState(ofRun id: String) async throws -> QueueState
    /// Makes the run's failed pairs and those held back by a budget or quota claimable again
    /// (`quorum run --continue … --enqueue-only`, after raising the budget).
    func requeue(run: String) async throws -> Int
    /// The run's spending across every worker, read from the database's ledger.
    func ledger(ofRun id: String) -> any SharedSpending
}

/// Counts of a run's unanswered pairs, by what a worker may do with them.
public struct QueueState: Sendable, Hashable, Codable {
    /// Pending, not leased: a worker may claim them now.
    public var claimable: Int = 0
    /// Leased to a worker whose lease is still running.
    public var leased: Int = 0
    /// Leased, but the lease has expired (its worker died or stalled): claimable again.
    public var expired: Int = 0
    /// Pending because the budget or a quota ran out; `--continue --enqueue-only` requeues them.
    public var heldBack: Int = 0
    public var failed: Int = 0
    public var answered: Int = 0

    public init() {}

    /// Whether no worker will ever pick anything of this run up again without a requeue.
    public var isDrained: Bool { claimable == 0 && leased == 0 && expired == 0 }
}
