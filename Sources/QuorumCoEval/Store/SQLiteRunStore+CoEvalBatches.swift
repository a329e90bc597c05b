import Foundation
import GRDB
import QuorumStore

extension SQLiteRunStore {
    public func coevalBatchRecords(ofRun id: String) async throws -> [Data] {
        try await pool.read { db in
            try Data.fetchAll(db, sql: "SELECT record FROM coeval_batch WHERE runID = ? ORDER BY rowid", arguments: [id])
        }
    }

    public func saveCoEvalBatchRecord(_ record: Data, runID: String, batch: CoEvalBatch) async throws {
        try await pool.write { db in
            // An update keeps the row (and so its place in the order); the first save inserts it.
            try db.execute(
                sql: """
                    INSERT INTO coeval_batch (runID, batchID, phase, model, vendor, status, submittedAt, record)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (runID, batchID) DO UPDATE SET status = excluded.status, record = excluded.record
                    """,
                arguments: [
                    runID, batch.batchID, batch.phase.rawValue, batch.model, batch.vendor, batch.status, batch.submittedAt, record,
                ])
        }
    }
}
