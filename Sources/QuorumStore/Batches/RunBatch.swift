import Foundation

/// One batch `quorum run` submitted to a vendor's batch API, as the store keeps it: written as soon
/// as the vendor accepted it and before it is polled, so a crash or Ctrl-C loses nothing and
/// `--continue` polls it instead of submitting its requests again.
public struct RunBatch: StoredBatch, Hashable, Codable {
    /// The configured model whose calls it holds.
    public var model: String
    /// `openai`, `azure` or `anthropic`.
    public var vendor: String
    /// The vendor's batch id.
    public var batchID: String
    /// Every `custom_id` submitted (see `BatchCallID`).
    public var customIDs: [String]
    /// The vendor's last reported status; `applied` once its answers are in the call journal.
    public var status: String
    public var submittedAt: Date

    public init(model: String, vendor: String, batchID: String, customIDs: [String], status: String, submittedAt: Date = Date()) {
        self.model = model
        self.vendor = vendor
        self.batchID = batchID
        self.customIDs = customIDs
        self.status = status
        self.submittedAt = submittedAt
    }
}

/// Where a run's batches are kept: the run's own store (SQLite `run_batch`, PostgreSQL `quorum_run_batch`).
public protocol RunBatchStore: Sendable {
    /// The run's batches, in the order they were first saved.
    func runBatches(ofRun id: String) async throws -> [RunBatch]
    /// Stores `batch`, or updates its status and record when the run has it already.
    func saveRunBatch(_ batch: RunBatch, runID: String) async throws
}
