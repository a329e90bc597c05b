import Foundation
import GRDB
import NIOCore
import PostgresNIO

extension RunCopy {
    /// The run's vendor batches (`quorum run`'s and CoEval's), so a run moved to PostgreSQL while a
    /// batch is out polls it from there instead of submitting its requests again. A batch the
    /// destination has is updated only to move it forward to `applied`.
    func copyBatches(adding totals: (read: Int, written: Int)) async throws -> (read: Int, written: Int) {
        var totals = try await pages(of: BatchRow.self, from: "run_batch", adding: totals) { page in
            try PostgresInsert.rows(
                page, into: "quorum_run_batch", columns: "run_id, batch_id, model, status, record",
                then: "ON CONFLICT (run_id, batch_id) DO UPDATE SET status = EXCLUDED.status, record = EXCLUDED.record "
                    + "WHERE EXCLUDED.status = 'applied' AND quorum_run_batch.status <> 'applied' RETURNING 1"
            ) { row, binds in
                for text in [row.runID, row.batchID, row.model, row.status] { try binds.append(text) }
                try binds.append(ByteBuffer(bytes: row.record))
            }
        }
        totals = try await pages(of: CoEvalBatchRow.self, from: "coeval_batch", adding: totals) { page in
            try PostgresInsert.rows(
                page, into: "quorum_coeval_batch", columns: "run_id, batch_id, phase, model, vendor, status, submitted_at, record",
                then: "ON CONFLICT (run_id, batch_id) DO UPDATE SET status = EXCLUDED.status, record = EXCLUDED.record "
                    + "WHERE EXCLUDED.status = 'applied' AND quorum_coeval_batch.status <> 'applied' RETURNING 1"
            ) { row, binds in
                try binds.append(row.batch.runID)
                try binds.append(row.batch.batchID)
                try binds.append(row.phase)
                for text in [row.batch.model, row.vendor, row.batch.status] { try binds.append(text) }
                try binds.append(row.submittedAt)
                try binds.append(ByteBuffer(bytes: row.batch.record))
            }
        }
        return totals
    }
}

/// A row of SQLite's `run_batch`.
struct BatchRow: FetchableRecord, Sendable {
    var runID: String
    var batchID: String
    var model: String
    var status: String
    var record: Data

    init(row: Row) {
        runID = row["runID"]
        batchID = row["batchID"]
        model = row["model"]
        status = row["status"]
        record = row["record"]
    }
}

/// A row of SQLite's `coeval_batch`: a `BatchRow` plus its phase, vendor and submission time.
struct CoEvalBatchRow: FetchableRecord, Sendable {
    var batch: BatchRow
    var phase: Int
    var vendor: String
    var submittedAt: Date

    init(row: Row) {
        batch = BatchRow(row: row)
        phase = row["phase"]
        vendor = row["vendor"]
        submittedAt = row["submittedAt"]
    }
}
