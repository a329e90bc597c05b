import Foundation
import QuorumOrchestration

/// Which answer a pairwise game showed first (as "A").
public enum PairwiseOrder: String, Sendable, Hashable, Codable, CaseIterable {
    /// The compared system's answer as A, the baseline's as B.
    case systemFirst = "system_first"
    /// The baseline's answer as A: the position-swapped game.
    case baselineFirst = "baseline_first"
}

/// One stored pairwise game: one judge call comparing a system's answer with the baseline's for
/// one item, in one position order. Stored as soon as the call returns, so judging resumes
/// without paying twice.
public struct PairwiseVerdict: Sendable, Hashable, Codable {
    public var runID: String
    public var system: String
    public var itemID: String
    public var baseline: String
    /// The pairwise judge's configured name.
    public var judge: String
    public var order: PairwiseOrder
    /// The label as the judge wrote it, from position A's side (`A>>B`, `B>A`, …); `nil` when unreadable.
    public var label: PairwiseJudge.Label?
    /// The judge call itself (prompt, reply, tokens, cost).
    public var call: CallRecord
    public var createdAt: Date

    public init(
        runID: String, system: String, itemID: String, baseline: String, judge: String, order: PairwiseOrder,
        call: CallRecord, createdAt: Date = Date()
    ) {
        self.runID = runID
        self.system = system
        self.itemID = itemID
        self.baseline = baseline
        self.judge = judge
        self.order = order
        self.label = PairwiseJudge.label(in: call.response)
        self.call = call
        self.createdAt = createdAt
    }

    /// The label read from the compared system's side (as if the system were A).
    public var labelForSystem: PairwiseJudge.Label? {
        order == .systemFirst ? label : label?.swapped
    }
}
