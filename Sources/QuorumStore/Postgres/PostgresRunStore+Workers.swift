import Foundation
import PostgresNIO
import QuorumCore
import QuorumOrchestration

/// Workers on PostgreSQL: `FOR UPDATE SKIP LOCKED` hands each claimable pair to exactly one worker
/// without a coordinator, leases are timestamps renewed by heartbeats, and the ledger is a table the
/// call trigger keeps (see `PostgresSchema`).
extension PostgresRunStore: WorkQueue {
    /// Reasons that hold a pending pair back from workers until the run is requeued.
    static let heldBackKinds = [QuorumError.Kind.budgetExhausted.rawValue, QuorumError.Kind.quotaExhausted.rawValue]

    public func register(_ worker: WorkerRecord) async throws {
        try await client.query(
            """
            INSERT INTO quorum_worker (id, run_id, host, pid, concurrency, lease_seconds, state, started_at, heartbeat_at, answered, failed) \
            VALUES (\(worker.id), \(worker.runID), \(worker.host), \(worker.pid), \(worker.concurrency), \(worker.lease.seconds), \
            \(worker.state.rawValue), \(worker.startedAt), \(Date()), \(worker.answered), \(worker.failed)) \
            ON CONFLICT (id) DO UPDATE SET state = EXCLUDED.state, heartbeat_at = EXCLUDED.heartbeat_at
            """,
            logger: logger)
    }

    public func claim(run: String, worker: String, limit: Int, lease: Duration) async throws -> [PairKey] {
        let rows = try await client.query(
            """
            UPDATE quorum_item SET lease_owner = \(worker), lease_until = now() + make_interval(secs => \(lease.seconds)) \
            WHERE (run_id, system, item_id) IN (SELECT run_id, system, item_id FROM quorum_item \
            WHERE run_id = \(run) AND status = 'pending' AND (lease_until IS NULL OR lease_until < now()) \
            AND (reason_kind IS NULL OR reason_kind <> ALL(\(Self.heldBackKinds))) \
            ORDER BY seq LIMIT \(limit) FOR UPDATE SKIP LOCKED) RETURNING system, item_id, seq
            """,
            logger: logger)
        var claimed: [(seq: Int, pair: PairKey)] = []
        for try await (system, item, seq) in rows.decode((String, String, Int).self) {
            claimed.append((seq, PairKey(system: system, item: item)))
        }
        return claimed.sorted { $0.seq < $1.seq }.map(\.pair)
    }

    public func heartbeat(_ worker: WorkerRecord, lease: Duration) async throws {
        try await client.withTransaction(logger: logger) { connection in
            try await connection.query(
                """
                UPDATE quorum_item SET lease_until = now() + make_interval(secs => \(lease.seconds)) \
                WHERE run_id = \(worker.runID) AND lease_owner = \(worker.id) AND status = 'pending'
                """,
                logger: logger)
            try await connection.query(update(worker), logger: logger)
        }
    }

    public func release(_ worker: WorkerRecord) async throws {
        try await client.withTransaction(logger: logger) { connection in
            try await connection.query(
                """
                UPDATE quorum_item SET lease_owner = NULL, lease_until = NULL \
                WHERE run_id = \(worker.runID) AND lease_owner = \(worker.id)
                """,
                logger: logger)
            try await connection.query(update(worker), logger: logger)
        }
    }

    private func update(_ worker: WorkerRecord) -> PostgresQuery {
        """
        UPDATE quorum_worker SET state = \(worker.state.rawValue), heartbeat_at = now(), answered = \(worker.answered), \
        failed = \(worker.failed) WHERE id = \(worker.id)
        """
    }

    public func workers(ofRun id: String) async throws -> [WorkerRecord] {
        let rows = try await client.query(
            """
            SELECT w.id, w.host, w.pid, w.concurrency, w.lease_seconds, w.state, w.started_at, w.heartbeat_at, w.answered, w.failed, \
            (SELECT count(*) FROM quorum_item i WHERE i.run_id = w.run_id AND i.lease_owner = w.id \
            AND i.status = 'pending' AND i.lease_until > now()) \
            FROM quorum_worker w WHERE w.run_id = \(id) ORDER BY w.started_at DESC
            """,
            logger: logger)
        var workers: [WorkerRecord] = []
        for try await (worker, host, pid, concurrency, lease, state, started, beat, answered, failed, leases) in rows.decode(
            (String, String, Int, Int, Double, String, Date, Date, Int, Int, Int).self)
        {
            workers.append(
                WorkerRecord(
                    id: worker, runID: id, host: host, pid: pid, concurrency: concurrency, lease: .seconds(lease),
                    state: WorkerRecord.State(rawValue: state) ?? .stopped, startedAt: started, heartbeatAt: beat,
                    answered: answered, failed: failed, leases: leases))
        }
        return workers
    }

    public func queueState(ofRun id: String) async throws -> QueueState {
        let rows = try await client.query(
            """
            SELECT \
            count(*) FILTER (WHERE status = 'pending' AND lease_until IS NULL AND NOT held), \
            count(*) FILTER (WHERE status = 'pending' AND lease_until > now()), \
            count(*) FILTER (WHERE status = 'pending' AND lease_until <= now()), \
            count(*) FILTER (WHERE status = 'pending' AND lease_until IS NULL AND held), \
            count(*) FILTER (WHERE status = 'failed'), count(*) FILTER (WHERE status = 'answered') \
            FROM (SELECT status, lease_until, coalesce(reason_kind = ANY(\(Self.heldBackKinds)), false) AS held \
            FROM quorum_item WHERE run_id = \(id)) AS items
            """,
            logger: logger)
        var state = QueueState()
        for try await (claimable, leased, expired, held, failed, answered) in rows.decode((Int, Int, Int, Int, Int, Int).self) {
            state.claimable = claimable
            state.leased = leased
            state.expired = expired
            state.heldBack = held
            state.failed = failed
            state.answered = answered
        }
        return state
    }

    public func requeue(run: String) async throws -> Int {
        let rows = try await client.query(
            """
            UPDATE quorum_item SET status = 'pending', reason_kind = NULL, note = NULL, lease_owner = NULL, lease_until = NULL \
            WHERE run_id = \(run) AND (status = 'failed' OR (status = 'pending' AND reason_kind = ANY(\(Self.heldBackKinds)))) \
            RETURNING item_id
            """,
            logger: logger)
        var count = 0
        for try await _ in rows { count += 1 }
        return count
    }

    public func ledger(ofRun id: String) -> any SharedSpending {
        PostgresLedger(store: self, runID: id)
    }
}

/// The run's ledger as one worker reads it before a limited call.
struct PostgresLedger: SharedSpending {
    let store: PostgresRunStore
    let runID: String

    func recorded() async throws -> (spent: USD, callsByModel: [String: Int]) {
        let spending = try await store.spending(ofRun: runID)
        return (spending.spent, spending.callsByModel)
    }
}
