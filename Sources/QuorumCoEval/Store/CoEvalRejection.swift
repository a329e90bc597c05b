import Foundation

/// An attempt at a phase's unit (an item, a response, an evaluation, a proposal) that produced
/// nothing usable: the reply could not be read, or the call failed. The unit stays a gap that
/// `--continue` fills with a fresh attempt.
public struct CoEvalRejection: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Hashable, Codable {
        /// The model answered, but not in a form that could be read (kept with its reply).
        case malformed
        /// The call failed (HTTP error, timeout, unavailable model).
        case failed
    }

    public var phase: CoEvalPhase
    /// The id the artifact would have had (`task.teacher.3`, `task.teacher.3.student`, …).
    public var unitID: String
    /// Counts malformed attempts at the unit from 0; each new attempt is a new, paid call.
    public var attempt: Int
    public var model: String
    public var kind: Kind
    public var reason: String
    /// The reply that could not be read (malformed only).
    public var reply: String?
    public var createdAt: Date

    public init(
        phase: CoEvalPhase, unitID: String, attempt: Int, model: String, kind: Kind, reason: String,
        reply: String? = nil, createdAt: Date = Date()
    ) {
        self.phase = phase
        self.unitID = unitID
        self.attempt = attempt
        self.model = model
        self.kind = kind
        self.reason = reason
        self.reply = reply
        self.createdAt = createdAt
    }
}

/// What a CoEval run remembers between invocations besides its artifacts.
public struct CoEvalRunState: Sendable, Hashable, Codable {
    /// Per phase (raw value), how many times `New` regenerated it under `--continue`; part of the
    /// journal keys, so regenerated calls are new calls and old ones stay accounted.
    public var generations: [Int: Int] = [:]
    /// Why the last invocation left work undone (quota per model, budget, interrupt).
    public var stops: [CoEvalStop] = []
    /// Phases `coeval repair` reopened (raw values): they fill their gaps as `Extend` whatever their
    /// written mode, until a run completes. Optional so states stored before it still read.
    public var reopened: [Int]?

    public init() {}

    func generation(of phase: CoEvalPhase) -> Int { generations[phase.rawValue] ?? 0 }
}

/// One reason work was left undone: a model's quota, the budget, or an interrupt.
public struct CoEvalStop: Sendable, Hashable, Codable {
    /// The model that ran out of quota; `nil` for the budget or an interrupt.
    public var model: String?
    public var phase: CoEvalPhase
    public var reason: String

    public init(model: String?, phase: CoEvalPhase, reason: String) {
        self.model = model
        self.phase = phase
        self.reason = reason
    }
}
