import Foundation
import GRDB

extension SQLiteRunStore: RunBatchStore {
    public func runBatches(ofRun id: String) async throws -> [RunBatch] {
        let records = try await pool.read { db in
            try Data.fetchAll(db, sql: "SELECT record FROM run_batch WHERE runID = ? ORDER BY rowid", arguments: [id])
        }
        let decoder = JSONDecoder()
        return try records.map { try decoder.decode(RunBatch.self, from: $0) }
    }

    public func saveRunBatch(_ batch: RunBatch, runID: String) async throws {
        let record = try JSONEncoder().encode(batch)
        try await pool.write { db in
            try db.execute(
                sql: """
                    INSERT INTO run_batch (runID, batchID, model, status, record) VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT (runID, batchID) DO UPDATE SET status = excluded.status, record = excluded.record
                    """,
                arguments: [runID, batch.batchID, batch.model, batch.status, record])
        }
    }
}

/// `quorum run`'s batches: migration `123-run-batches` of the store's one migrator.
enum RunBatchSchema {
    static func create(_ db: Database) throws {
        try db.create(table: "run_batch") { table in
            table.column("runID", .text).notNull().references("run", onDelete: .cascade)
            table.column("batchID", .text).notNull()
            table.column("model", .text).notNull()
            table.column("status", .text).notNull()
            /// JSON `RunBatch`.
            table.column("record", .blob).notNull()
            table.primaryKey(["runID", "batchID"])
        }
    }
}
