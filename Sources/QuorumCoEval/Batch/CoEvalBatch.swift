import Foundation
import QuorumStore

/// One batch a CoEval run submitted to a vendor, as the store keeps it: written right after the
/// vendor accepted it and before it is polled, so `--continue` and `status --fetch-batches`
/// poll and apply it instead of submitting its requests again.
public struct CoEvalBatch: StoredBatch, Hashable, Codable {
    public var phase: CoEvalPhase
    public var model: String
    /// `openai`, `azure` or `anthropic`.
    public var vendor: String
    /// The vendor's batch id.
    public var batchID: String
    /// Every `custom_id` submitted, with the unit (artifact id) it belongs to.
    public var customIDs: [String: String]
    /// The vendor's last reported status; `applied` once its lines are in the run.
    public var status: String
    public var submittedAt: Date

    public init(
        phase: CoEvalPhase, model: String, vendor: String, batchID: String, customIDs: [String: String], status: String,
        submittedAt: Date = Date()
    ) {
        self.phase = phase
        self.model = model
        self.vendor = vendor
        self.batchID = batchID
        self.customIDs = customIDs
        self.status = status
        self.submittedAt = submittedAt
    }
}
