import Foundation
import QuorumCore
import QuorumOrchestration

/// Where one (system, item) pair stands.
public enum ItemStatus: String, Sendable, Hashable, Codable, CaseIterable {
    /// Not attempted yet, or stopped before it finished (`note` says why).
    case pending
    /// Answered (and scored, when the run is scored).
    case answered
    /// No answer could be produced; `note` says why.
    case failed
}

/// One system's result for one dataset item.
public struct ItemRecord: Sendable, Hashable, Codable {
    public var runID: String
    public var system: String
    public var itemID: String
    /// The item's position in the dataset, for stable ordering.
    public var position: Int
    public var status: ItemStatus
    /// The last user turn, for exports and `show`.
    public var prompt: String
    public var reference: String?
    public var answer: String?
    /// Normalized 0…1 score (verifier: 1 or 0; judge: its score).
    public var score: Double?
    public var passed: Bool?
    /// The level that produced the final answer (1 for flat systems).
    public var level: Int?
    public var answerCost: USD
    public var judgeCost: USD
    /// Seconds from starting the item to its score.
    public var latency: Double?
    /// Why the item failed or is still pending (`budget of $1.00 reached`, `interrupted`).
    public var note: String?
    /// The error kind behind `note` (`rate_limited`, `budget_exhausted`, …).
    public var reasonKind: String?
    /// Everything the system and scorer did, with every call.
    public var trace: TraceNode?
    public var updatedAt: Date

    public init(
        runID: String, system: String, itemID: String, position: Int, status: ItemStatus = .pending,
        prompt: String, reference: String? = nil
    ) {
        self.runID = runID
        self.system = system
        self.itemID = itemID
        self.position = position
        self.status = status
        self.prompt = prompt
        self.reference = reference
        self.answerCost = .zero
        self.judgeCost = .zero
        self.updatedAt = Date()
    }

    public var totalCost: USD { answerCost + judgeCost }
}

/// What a run has already spent, for restoring the budget ledger on `--continue`.
public struct RunSpending: Sendable, Hashable {
    public var spent: USD
    public var callsByModel: [String: Int]

    public init(spent: USD = .zero, callsByModel: [String: Int] = [:]) {
        self.spent = spent
        self.callsByModel = callsByModel
    }
}

extension ItemRecord {
    /// Whether the answer was right: the verifier's or judge's pass, else a score of at least one half;
    /// `nil` for an item not answered or not scored.
    public var correct: Bool? {
        guard status == .answered else { return nil }
        return passed ?? score.map { $0 >= 0.5 }
    }
}
