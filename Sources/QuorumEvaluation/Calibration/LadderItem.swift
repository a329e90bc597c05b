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

    public init(correct: Bool, cost: Double, signal: Double?) {
        self.correct = correct
        self.cost = cost
        self.signal = signal
    }
}

/// How a ladder spends: a cascade pays every level it tries, a router only the level it picks.
public enum LadderPolicy: String, Sendable, Hashable, Codable {
    case cascade, router

    /// The level (0-based) that answers `item` at `threshold` (`nil`: nothing below the last passes).
    public func level(for item: LadderItem, threshold: Double?) -> Int {
        let last = item.levels.count - 1
        guard let threshold else { return last }
        return item.levels.prefix(last).firstIndex { ($0.signal ?? -.infinity) >= threshold } ?? last
    }

    /// What answering `item` at `level` costs under this policy.
    public func cost(of item: LadderItem, answeringAt level: Int) -> Double {
        switch self {
        case .cascade: item.overhead + item.levels.prefix(level + 1).reduce(0) { $0 + $1.cost }
        case .router: item.overhead + item.levels[level].cost
        }
    }
}
