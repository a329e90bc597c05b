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

    /// Writes every row the destination lacks (or has older); returns what it copied.
    func write(into connection: PostgresConnection, logger: Logger) async throws -> StoreMigration.Tally {
        var tally = StoreMigration.Tally()
        var read = 1
        let decoder = JSONDecoder()
        tally.runs = try await Self.count(connection.query(runStatement, logger: logger))
        for item in items {
            // The item as the PostgreSQL store writes it, but only over an older copy of itself.
            var statement = PostgresItemRow(try item.record(decoder: decoder), encodedTrace: item.trace)
                .insert(onConflict: "DO UPDATE SET \(PostgresItemRow.updates) WHERE quorum_item.updated_at < EXCLUDED.updated_at")
            statement.sql += " RETURNING 1"
            tally.items += try await Self.count(connection.query(statement, logger: logger))
        }
        for call in calls {
            tally.calls += try await Self.count(connection.query(
                """
                INSERT INTO quorum_call (run_id, system, item_id, key, model, role, cost, record, created_at) VALUES \
                (\(call.runID), \(call.system), \(call.itemID), \(call.key), \(call.model), \(call.role), \(call.cost), \
                \(ByteBuffer(bytes: call.record)), \(call.createdAt)) ON CONFLICT (run_id, system, item_id, key) DO NOTHING RETURNING 1
                """,
                logger: logger))
        }
        for verdict in verdicts {
            var statement = verdict.postgresInsert(onConflict: "DO NOTHING")
            statement.sql += " RETURNING 1"
            tally.pairwiseVerdicts += try await Self.count(connection.query(statement, logger: logger))
        }
        tally.coevalRows = try await writeCoEval(into: connection, logger: logger)
        read += items.count + calls.count + verdicts.count + artifacts.count + rejections.count + (state == nil ? 0 : 1)
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

    private func writeCoEval(into connection: PostgresConnection, logger: Logger) async throws -> Int {
        var copied = 0
        for row in artifacts {
            copied += try await Self.count(connection.query(
                """
                INSERT INTO quorum_coeval_artifact (run_id, phase, id, task, model, record, created_at) VALUES \
                (\(row.runID), \(row.phase), \(row.id), \(row.task), \(row.model), \(ByteBuffer(bytes: row.record)), \
                \(row.createdAt)) ON CONFLICT (run_id, phase, id) DO NOTHING RETURNING 1
                """,
                logger: logger))
        }
        for row in rejections {
            copied += try await Self.count(connection.query(
                """
                INSERT INTO quorum_coeval_rejection (run_id, phase, unit_id, attempt, model, kind, reason, reply, created_at) \
                VALUES (\(row.runID), \(row.phase), \(row.unitID), \(row.attempt), \(row.model), \(row.kind), \(row.reason), \
                \(row.reply), \(row.createdAt)) ON CONFLICT (run_id, phase, unit_id, attempt) DO NOTHING RETURNING 1
                """,
                logger: logger))
        }
        if let state {
            copied += try await Self.count(connection.query(
                """
                INSERT INTO quorum_coeval_state (run_id, state) VALUES (\(run.id), \(ByteBuffer(bytes: state))) \
                ON CONFLICT (run_id) DO UPDATE SET state = EXCLUDED.state WHERE quorum_coeval_state.state <> EXCLUDED.state RETURNING 1
                """,
                logger: logger))
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
