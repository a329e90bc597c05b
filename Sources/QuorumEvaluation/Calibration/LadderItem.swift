import QuorumCore

/// What every rung of a model ladder (cheapest first) did on one item when it answered alone.
///
/// A cascade with `escalate: fresh` at temperature 0 is exactly a replay of these: level k answers
/// the original question just as it did alone, so any threshold can be evaluated without a call.
public struct LadderItem: Sendable, Hashable, Codable {
    public var id: String
    public var category: String?
    public var levels: [LevelOutcome]
    /// USD paid on this item whichever level answers: a learned router's embedding call.
    public var overhead: Double

    public init(id: String, category: String? = nil, levels: [LevelOutcome], overhead: Double = 0) {
        self.id = id
        self.category = category
        self.levels = levels
        self.overhead = overhead
    }
}

/// One level's answer to one item: right or wrong, what it cost, and the gate's signal on it.
public struct LevelOutcome: Sendable, Hashable, Codable {
    public var correct: Bool
    /// USD, as a `Double` for statistics (the exact sum stays in the store).
    public var cost: Double
    /// The number the gate compares with its threshold (a confidence signal, a router's predicted
    /// probability of being right); `nil` when there is none, which never passes.
    public var signal: Double?
    /// For a router whose picked model is still gated: the answer's own confidence signal.
    public var confidence: Double?

    public init(correct: Bool, cost: Double, signal: Double?, confidence: Double? = nil) {
        self.correct = correct
        self.cost = cost
        self.signal = signal
        self.confidence = confidence
    }
}

/// How a ladder spends: a cascade pays every level it tries, a router only the level it picks, a
/// gated router the picked level and every level its gate escalates to (`gate`: the confidence
/// threshold the picked model's answer must reach).
public enum LadderPolicy: Sendable, Hashable, Codable {
    case cascade
    case router
    case gatedRouter(gate: Double)

    /// The level (0-based) that answers `item` at `threshold` (`nil`: nothing below the last passes),
    /// and what answering there cost.
    public func outcome(for item: LadderItem, threshold: Double?) -> (level: Int, cost: Double) {
        let last = item.levels.count - 1
        let start = threshold.flatMap { threshold in
            item.levels.prefix(last).firstIndex { ($0.signal ?? -.infinity) >= threshold }
        } ?? last
        switch self {
        case .cascade, .router: return (start, cost(of: item, answeringAt: start))
        case .gatedRouter(let gate):
            let level = (start..<last).first { (item.levels[$0].confidence ?? -.infinity) >= gate } ?? last
            return (level, item.overhead + item.levels[start...level].reduce(0) { $0 + $1.cost })
        }
    }

    /// The level (0-based) that answers `item` at `threshold`.
    public func level(for item: LadderItem, threshold: Double?) -> Int {
        outcome(for: item, threshold: threshold).level
    }

    /// What answering `item` at `level` costs when it is the first level tried (a cascade tries all below).
    public func cost(of item: LadderItem, answeringAt level: Int) -> Double {
        switch self {
        case .cascade: item.overhead + item.levels.prefix(level + 1).reduce(0) { $0 + $1.cost }
        case .router, .gatedRouter: item.overhead + item.levels[level].cost
        }
    }

    /// Whether the threshold picks a level up front (a router) rather than gating each in turn.
    public var routes: Bool { self != .cascade }
}
