import Foundation
import NIOCore
import PostgresNIO
import QuorumStore

extension PostgresRunStore {
    public func coevalBatchRecords(ofRun id: String) async throws -> [Data] {
        let rows = try await client.query(
            "SELECT record FROM quorum_coeval_batch WHERE run_id = \(id) ORDER BY seq", logger: logger)
        var records: [Data] = []
        for try await record in rows.decode(Data.self) { records.append(record) }
        return records
    }

    public func saveCoEvalBatchRecord(_ record: Data, runID: String, batch: CoEvalBatch) async throws {
        try await client.query(
            """
            INSERT INTO quorum_coeval_batch (run_id, batch_id, phase, model, vendor, status, submitted_at, record) VALUES \
            (\(runID), \(batch.batchID), \(batch.phase.rawValue), \(batch.model), \(batch.vendor), \(batch.status), \
            \(batch.submittedAt), \(ByteBuffer(bytes: record))) \
            ON CONFLICT (run_id, batch_id) DO UPDATE SET status = EXCLUDED.status, record = EXCLUDED.record
            """,
            logger: logger)
    }
}
