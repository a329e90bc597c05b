import Foundation
import NIOCore
import PostgresNIO

extension PostgresRunStore: RunBatchStore {
    public func runBatches(ofRun id: String) async throws -> [RunBatch] {
        let rows = try await client.query("SELECT record FROM quorum_run_batch WHERE run_id = \(id) ORDER BY seq", logger: logger)
        let decoder = JSONDecoder()
        var batches: [RunBatch] = []
        for try await record in rows.decode(Data.self) { batches.append(try decoder.decode(RunBatch.self, from: record)) }
        return batches
    }

    public func saveRunBatch(_ batch: RunBatch, runID: String) async throws {
        let record = ByteBuffer(bytes: try JSONEncoder().encode(batch))
        try await client.query(
            """
            INSERT INTO quorum_run_batch (run_id, batch_id, model, status, record) VALUES \
            (\(runID), \(batch.batchID), \(batch.model), \(batch.status), \(record)) \
            ON CONFLICT (run_id, batch_id) DO UPDATE SET status = EXCLUDED.status, record = EXCLUDED.record
            """,
            logger: logger)
    }
}

extension PostgresSchema {
    /// `quorum run`'s batches (SQLite's `run_batch`): written before they are polled.
    static let runBatches: (id: String, statements: [PostgresQuery]) = (
        "123-run-batches",
        [
            """
            CREATE TABLE quorum_run_batch (
                run_id text NOT NULL REFERENCES quorum_run (id) ON DELETE CASCADE, batch_id text NOT NULL,
                model text NOT NULL, status text NOT NULL, record bytea NOT NULL, seq bigserial,
                PRIMARY KEY (run_id, batch_id))
            """
        ]
    )
}
