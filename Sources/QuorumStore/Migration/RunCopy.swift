import Foundation
import GRDB
import Logging
import NIOCore
import PostgresNIO
import QuorumCore

/// Copies one run from SQLite into PostgreSQL inside one PostgreSQL transaction: the run row, then
/// each table a page of `PostgresInsert.batchSize` rows at a time (read in rowid order, so
/// PostgreSQL's `seq` keeps SQLite's order, and written in one INSERT), so memory holds one page
/// however large the run. The JSON of calls, traces and CoEval records is copied byte for byte.
struct RunCopy {
    let source: SQLiteRunStore
    let runID: String
    let connection: PostgresConnection
    let logger: Logger

    func copy() async throws -> StoreMigration.Tally {
        var tally = StoreMigration.Tally()
        let id = runID
        guard let run = try await source.pool.read({ db in try RunRow.fetchOne(db, key: id) }) else {
            throw QuorumError(.store, "run '\(runID)' disappeared from the SQLite store while it was being migrated")
        }
        var read = 1
        tally.runs = try await count(Self.runStatement(run))
        let decoder = JSONDecoder()
        // Items as the PostgreSQL store writes them, but only over an older copy of themselves.
        (read, tally.items) = try await pages(of: ItemRow.self, from: "item", adding: (read, 0)) { page in
            let rows = try page.map { PostgresItemRow(try $0.record(decoder: decoder), encodedTrace: $0.trace) }
            return try PostgresItemRow.insert(
                rows, onConflict: "DO UPDATE SET \(PostgresItemRow.updates) WHERE quorum_item.updated_at < EXCLUDED.updated_at RETURNING 1")
        }
        (read, tally.calls) = try await pages(of: CallRow.self, from: "call", adding: (read, 0)) { page in
            try PostgresInsert.rows(
                page, into: "quorum_call", columns: PostgresCallRow.columns,
                then: "ON CONFLICT (run_id, system, item_id, key) DO NOTHING RETURNING 1"
            ) { call, binds in
                for text in [call.runID, call.system, call.itemID, call.key, call.model, call.role, call.cost] { try binds.append(text) }
                try binds.append(ByteBuffer(bytes: call.record))
                try binds.append(call.createdAt)
            }
        }
        (read, tally.pairwiseVerdicts) = try await pages(of: PairwiseVerdictRow.self, from: "pairwise_verdict", adding: (read, 0)) {
            try PairwiseVerdictRow.postgresInsert($0, onConflict: "DO NOTHING RETURNING 1")
        }
        // A judgment already there is kept as it is: the destination may have newer scores.
        (read, tally.judgments) = try await pages(of: JudgmentRow.self, from: "judgment", adding: (read, 0)) {
            try JudgmentRow.postgresInsert($0, onConflict: "DO NOTHING RETURNING 1")
        }
        (read, tally.coevalRows) = try await copyCoEval(adding: read)
        (read, tally.batches) = try await copyBatches(adding: (read, 0))
        tally.alreadyThere = read - tally.copied
        return tally
    }

    /// The run row: new, or newer than the destination's copy (a run continued after a first migration).
    static func runStatement(_ run: RunRow) -> PostgresQuery {
        var statement = PostgresRunRow.insert(run.record)
        statement.sql += """
             ON CONFLICT (id) DO UPDATE SET status = EXCLUDED.status, stop_reason = EXCLUDED.stop_reason, \
            updated_at = EXCLUDED.updated_at, finished_at = EXCLUDED.finished_at \
            WHERE quorum_run.updated_at < EXCLUDED.updated_at RETURNING 1
            """
        return statement
    }

    /// Artifacts, rejections and the state of a CoEval run (none for other runs).
    private func copyCoEval(adding read: Int) async throws -> (read: Int, written: Int) {
        var totals = try await pages(of: CoEvalArtifactRow.self, from: "coeval_artifact", adding: (read, 0)) { page in
            try PostgresInsert.rows(
                page, into: "quorum_coeval_artifact", columns: CoEvalArtifactRow.postgresColumns,
                then: "ON CONFLICT (run_id, phase, id) DO NOTHING RETURNING 1"
            ) { row, binds in
                try binds.append(row.runID)
                try binds.append(row.phase)
                for text in [row.id, row.task, row.model] { try binds.append(text) }
                try binds.append(ByteBuffer(bytes: row.record))
                try binds.append(row.createdAt)
            }
        }
        totals = try await pages(of: CoEvalRejectionRow.self, from: "coeval_rejection", adding: totals) { page in
            try PostgresInsert.rows(
                page, into: "quorum_coeval_rejection", columns: CoEvalRejectionRow.postgresColumns,
                then: "ON CONFLICT (run_id, phase, unit_id, attempt) DO NOTHING RETURNING 1"
            ) { row, binds in
                try binds.append(row.runID)
                try binds.append(row.phase)
                try binds.append(row.unitID)
                try binds.append(row.attempt)
                for text in [row.model, row.kind, row.reason] { try binds.append(text) }
                try binds.append(row.reply)
                try binds.append(row.createdAt)
            }
        }
        let id = runID
        if let state = try await source.pool.read({ db in try Data.fetchOne(db, sql: "SELECT state FROM coeval_state WHERE runID = ?", arguments: [id]) }) {
            totals.read += 1
            totals.written += try await count(
                """
                INSERT INTO quorum_coeval_state (run_id, state) VALUES (\(runID), \(ByteBuffer(bytes: state))) \
                ON CONFLICT (run_id) DO UPDATE SET state = EXCLUDED.state WHERE quorum_coeval_state.state <> EXCLUDED.state RETURNING 1
                """)
        }
        return totals
    }

    /// Reads the run's rows of `table` a page at a time in rowid order and writes each page with the
    /// statement `insert` makes of it; returns `totals` plus the rows read and the rows written.
    func pages<Record: FetchableRecord & Sendable>(
        of type: Record.Type, from table: String, adding totals: (read: Int, written: Int),
        insert: ([Record]) throws -> PostgresQuery
    ) async throws -> (read: Int, written: Int) {
        var totals = totals
        var after: Int64 = 0
        let id = runID
        while true {
            let cursor = after
            let page = try await source.pool.read { db in
                let rows = try Row.fetchAll(
                    db, sql: "SELECT rowid AS migration_rowid, * FROM \(table) WHERE runID = ? AND rowid > ? ORDER BY rowid LIMIT ?",
                    arguments: [id, cursor, PostgresInsert.batchSize])
                return (records: try rows.map { try Record(row: $0) }, last: rows.last?["migration_rowid"] as Int64?)
            }
            guard let last = page.last else { return totals }
            after = last
            totals.read += page.records.count
            totals.written += try await count(insert(page.records))
        }
    }

    /// Runs `statement` (which ends in `RETURNING 1`) and counts the rows it wrote.
    private func count(_ statement: PostgresQuery) async throws -> Int {
        try await Self.count(connection.query(statement, logger: logger))
    }

    static func count(_ rows: PostgresRowSequence) async throws -> Int {
        var count = 0
        for try await _ in rows { count += 1 }
        return count
    }
}
