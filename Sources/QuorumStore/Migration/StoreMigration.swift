import Foundation
import GRDB
import Logging
import PostgresNIO
import QuorumCore

/// Copies runs from a SQLite store into a PostgreSQL one, losslessly: the run, its items, its call
/// journal (the ledger follows through its trigger), pairwise verdicts, rubric judgments, CoEval
/// tables, and the served traces, virtual keys and cached answers of the gateway.
///
/// Idempotent: every row is inserted only when the destination lacks it, and an item or run only
/// replaces an older copy of itself (a run continued in SQLite after a first migration), so
/// migrating again copies nothing that is already there. Each run is copied in one transaction.
public struct StoreMigration: Sendable {
    public let source: SQLiteRunStore
    public let destination: PostgresRunStore

    public init(from source: SQLiteRunStore, to destination: PostgresRunStore) {
        self.source = source
        self.destination = destination
    }

    /// What a migration copied, by kind of row, and how many rows were already there.
    public struct Tally: Sendable, Hashable, Codable {
        public var runs = 0
        public var items = 0
        public var calls = 0
        public var pairwiseVerdicts = 0
        public var judgments = 0
        public var coevalRows = 0
        /// Vendor batches of `quorum run` and CoEval runs (`RunCopy+Batches.swift`).
        public var batches = 0
        public var servedTraces = 0
        /// Virtual keys and their spend windows (`StoreMigration+VirtualKeys.swift`).
        public var virtualKeyRows = 0
        /// Response-cache answers still valid (`StoreMigration+ResponseCache.swift`).
        public var cachedAnswers = 0
        /// Rows read from the source that the destination already had, as they are.
        public var alreadyThere = 0

        public init() {}

        mutating func add(_ other: Tally) {
            runs += other.runs
            items += other.items
            calls += other.calls
            pairwiseVerdicts += other.pairwiseVerdicts
            judgments += other.judgments
            coevalRows += other.coevalRows
            batches += other.batches
            servedTraces += other.servedTraces
            virtualKeyRows += other.virtualKeyRows
            cachedAnswers += other.cachedAnswers
            alreadyThere += other.alreadyThere
        }

        /// Every row copied.
        public var copied: Int {
            runs + items + calls + pairwiseVerdicts + judgments + coevalRows + batches + servedTraces + virtualKeyRows + cachedAnswers
        }

        /// One line for a person: what was copied, what was already there.
        public var summary: String {
            "\(runs) run(s), \(items) item(s), \(calls) call(s), \(pairwiseVerdicts) pairwise verdict(s), \(judgments) judgment(s), "
                + "\(coevalRows) CoEval row(s), \(batches) batch(es), \(servedTraces) served trace(s), \(virtualKeyRows) virtual key row(s), "
                + "\(cachedAnswers) cached answer(s) copied; "
                + "\(alreadyThere) row(s) already there"
        }
    }

    /// Copies `runIDs` (every run of the source when `nil`, and then the served traces, virtual
    /// keys and cached answers too, which belong to no run); `progress` gets the running tally after each run and each batch of traces.
    /// Throws `.configuration` for a run the source does not have, `.store` when a write fails.
    public func copy(runs runIDs: [String]? = nil, progress: @Sendable (Tally) -> Void = { _ in }) async throws -> Tally {
        let all = try await source.runs().reversed().map(\.id)  // oldest first, so created_at order is kept
        if let runIDs, let unknown = runIDs.first(where: { !all.contains($0) }) {
            throw QuorumError(.configuration, "no run '\(unknown)' in \(source.location) (quorum runs --store \(source.location) lists them)")
        }
        var tally = Tally()
        for id in runIDs ?? all {
            let (source, logger) = (source, destination.logger)
            tally.add(try await destination.client.withTransaction(logger: logger) { connection in
                try await RunCopy(source: source, runID: id, connection: connection, logger: logger).copy()
            })
            progress(tally)
        }
        if runIDs == nil {
            try await copyServedTraces(tally: &tally, progress: progress)
            try await copyVirtualKeys(tally: &tally)
            try await copyResponseCache(at: Date(), tally: &tally, progress: progress)
            progress(tally)
        }
        return tally
    }

    /// The served traces, a batch (one statement) at a time, ordered by id so a batch is a key range.
    private func copyServedTraces(tally: inout Tally, progress: @Sendable (Tally) -> Void) async throws {
        var after = ""
        while true {
            let cursor = after
            let batch = try await source.pool.read { db in
                try Row.fetchAll(
                    db, sql: "SELECT \(ServedTrace.columns) FROM served_trace WHERE id > ? ORDER BY id LIMIT ?",
                    arguments: [cursor, PostgresInsert.batchSize]
                ).map { (id: $0["id"] as String, model: $0["model"] as String, created: $0["created"] as Int, trace: $0["trace"] as Data) }
            }
            guard let last = batch.last else { return }
            after = last.id
            let statement = try PostgresInsert.rows(
                batch, into: "quorum_served_trace", columns: ServedTrace.columns, then: "ON CONFLICT (id) DO NOTHING RETURNING 1"
            ) { trace, binds in
                try binds.append(trace.id)
                try binds.append(trace.model)
                try binds.append(trace.created)
                try binds.append(ByteBuffer(bytes: trace.trace))
            }
            let copied = try await RunCopy.count(destination.client.query(statement, logger: destination.logger))
            tally.servedTraces += copied
            tally.alreadyThere += batch.count - copied
            progress(tally)
        }
    }
}
