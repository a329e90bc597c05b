import Foundation

extension CoEvalStore {
    /// The run's batches, oldest first.
    public func coevalBatches(ofRun id: String) async throws -> [CoEvalBatch] {
        let decoder = JSONDecoder()
        return try await coevalBatchRecords(ofRun: id).map { try decoder.decode(CoEvalBatch.self, from: $0) }
    }

    /// Stores (or updates) `batch`.
    func saveCoEvalBatch(_ batch: CoEvalBatch, runID: String) async throws {
        try await saveCoEvalBatchRecord(JSONEncoder().encode(batch), runID: runID, batch: batch)
    }
}
