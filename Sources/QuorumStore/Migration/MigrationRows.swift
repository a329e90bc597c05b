import Foundation
import GRDB
import Logging
import NIOCore
import PostgresNIO
import QuorumCore

/// One run's rows as SQLite has them, read in one transaction, written to PostgreSQL as they are:
/// the JSON of calls, traces and CoEval records is copied byte for byte, never decoded and
/// re-encoded, and rows are written in SQLite's rowid order so PostgreSQL's `seq` keeps it.
struct MigrationRows: Sendable {
    var run: RunRow
    var items: [ItemRow]
    var calls: [CallRow]
    var verdicts: [PairwiseVerdictRow]
    var artifacts: [Artifact]
    var rejections: [Rejection]
    var state: Data?

    static func read(run id: String, from db: Database) throws -> MigrationRows {
        guard let run = try RunRow.fetchOne(db, key: id) else {
            throw QuorumError(.store, "run '\(id)' disappeared from the SQLite store while it was being migrated")
        }
        let byRun: StatementArguments = [id]
        return MigrationRows(
            run: run,
            items: try ItemRow.fetchAll(db, sql: "SELECT * FROM item WHERE runID = ? ORDER BY rowid", arguments: byRun),
            calls: try CallRow.fetchAll(db, sql: "SELECT * FROM call WHERE runID = ? ORDER BY rowid", arguments: byRun),
            verdicts: try PairwiseVerdictRow.fetchAll(
                db, sql: "SELECT * FROM pairwise_verdict WHERE runID = ? ORDER BY rowid", arguments: byRun),
            artifacts: try Artifact.fetchAll(db, sql: "SELECT * FROM coeval_artifact WHERE runID = ? ORDER BY rowid", arguments: byRun),
            rejections: try Rejection.fetchAll(db, sql: "SELECT * FROM coeval_rejection WHERE runID = ? ORDER BY rowid", arguments: byRun),
            state: try Data.fetchOne(db, sql: "SELECT state FROM coeval_state WHERE runID = ?", arguments: byRun))
    }

    /// Writes every row the destination lacks (or has older), a batch per statement; returns what it copied.
    func write(into connection: PostgresConnection, logger: Logger) async throws -> StoreMigration.Tally {
        func count(_ statement: PostgresQuery) async throws -> Int {
            try await Self.count(connection.query(statement, logger: logger))
        }
        var tally = StoreMigration.Tally()
        tally.runs = try await count(runStatement)
        let decoder = JSONDecoder()
        // Items as the PostgreSQL store writes them, but only over an older copy of themselves.
        let copies = try items.map { PostgresItemRow(try $0.record(decoder: decoder), encodedTrace: $0.trace) }
        for batch in PostgresInsert.batches(copies) {
            tally.items += try await count(PostgresItemRow.insert(
                batch, onConflict: "DO UPDATE SET \(PostgresItemRow.updates) WHERE quorum_item.updated_at < EXCLUDED.updated_at RETURNING 1"))
        }
        for batch in PostgresInsert.batches(calls) {
            tally.calls += try await count(PostgresInsert.rows(
                batch, into: "quorum_call", columns: "run_id, system, item_id, key, model, role, cost, record, created_at",
                then: "ON CONFLICT (run_id, system, item_id, key) DO NOTHING RETURNING 1"
            ) { call, binds in
                for text in [call.runID, call.system, call.itemID, call.key, call.model, call.role, call.cost] { try binds.append(text) }
                try binds.append(ByteBuffer(bytes: call.record))
                try binds.append(call.createdAt)
            })
        }
        for batch in PostgresInsert.batches(verdicts) {
            tally.pairwiseVerdicts += try await count(PairwiseVerdictRow.postgresInsert(batch, onConflict: "DO NOTHING RETURNING 1"))
        }
        tally.coevalRows = try await writeCoEval(count: count)
        let read = 1 + items.count + calls.count + verdicts.count + artifacts.count + rejections.count + (state == nil ? 0 : 1)
        tally.alreadyThere = read - tally.copied
        return tally
    }

    /// The run row: new, or newer than the destination's copy (a run continued after a first migration).
    private var runStatement: PostgresQuery {
        var statement = PostgresRunRow.insert(run.record)
        statement.sql += """
             ON CONFLICT (id) DO UPDATE SET status = EXCLUDED.status, stop_reason = EXCLUDED.stop_reason, \
            updated_at = EXCLUDED.updated_at, finished_at = EXCLUDED.finished_at \
            WHERE quorum_run.updated_at < EXCLUDED.updated_at RETURNING 1
            """
        return statement
    }

    private func writeCoEval(count: (PostgresQuery) async throws -> Int) async throws -> Int {
        var copied = 0
        for batch in PostgresInsert.batches(artifacts) {
            copied += try await count(PostgresInsert.rows(
                batch, into: "quorum_coeval_artifact", columns: "run_id, phase, id, task, model, record, created_at",
                then: "ON CONFLICT (run_id, phase, id) DO NOTHING RETURNING 1"
            ) { row, binds in
                try binds.append(row.runID)
                try binds.append(row.phase)
                for text in [row.id, row.task, row.model] { try binds.append(text) }
                try binds.append(ByteBuffer(bytes: row.record))
                try binds.append(row.createdAt)
            })
        }
        for batch in PostgresInsert.batches(rejections) {
            copied += try await count(PostgresInsert.rows(
                batch, into: "quorum_coeval_rejection",
                columns: "run_id, phase, unit_id, attempt, model, kind, reason, reply, created_at",
                then: "ON CONFLICT (run_id, phase, unit_id, attempt) DO NOTHING RETURNING 1"
            ) { row, binds in
                try binds.append(row.runID)
                try binds.append(row.phase)
                try binds.append(row.unitID)
                try binds.append(row.attempt)
                for text in [row.model, row.kind, row.reason] { try binds.append(text) }
                try binds.append(row.reply)
                try binds.append(row.createdAt)
            })
        }
        if let state {
            copied += try await count(
                """
                INSERT INTO quorum_coeval_state (run_id, state) VALUES (\(run.id), \(ByteBuffer(bytes: state))) \
                ON CONFLICT (run_id) DO UPDATE SET state = EXCLUDED.state WHERE quorum_coeval_state.state <> EXCLUDED.state RETURNING 1
                """)
        }
        return copied
    }

    /// How many rows a statement with `RETURNING 1` wrote.
    static func count(_ rows: PostgresRowSequence) async throws -> Int {
        var count = 0
        for try await _ in rows { count += 1 }
        return count
    }
}

extension MigrationRows {
    /// A `coeval_artifact` row as SQLite has it.
    struct Artifact: Codable, FetchableRecord, Sendable {
        var runID: String
        var phase: Int
        var id: String
        var task: String
        var model: String
        var record: Data
        var createdAt: Date
    }

    /// A `coeval_rejection` row as SQLite has it.
    struct Rejection: Codable, FetchableRecord, Sendable {
        var runID: String
        var phase: Int
        var unitID: String
        var attempt: Int
        var model: String
        var kind: String
        var reason: String
        var reply: String?
        var createdAt: Date
    }
}
