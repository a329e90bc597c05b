/// Every operating point of a ladder over a set of items: one per threshold that changes a decision.
///
/// Evaluated by replaying each level's stand-alone answer (`LadderItem`), so the whole curve costs
/// nothing beyond one answer per level per item.
public struct LadderCurve: Sendable {
    public var policy: LadderPolicy
    public var items: [LadderItem]
    /// The cheapest level alone on every item, and the strongest alone.
    public var weakAccuracy: Double
    public var strongAccuracy: Double
    public var weakCost: Double
    public var strongCost: Double
    /// One point per distinct signal below the last level (accept at ≥ it), then "escalate all";
    /// sorted by threshold, highest first, so strong share falls along the array.
    public var points: [OperatingPoint]

    public init(policy: LadderPolicy, items: [LadderItem]) {
        self.policy = policy
        self.items = items
        let count = Double(max(items.count, 1))
        weakAccuracy = Double(items.count { $0.levels.first?.correct == true }) / count
        strongAccuracy = Double(items.count { $0.levels.last?.correct == true }) / count
        weakCost = items.reduce(0) { $0 + ($1.levels.first?.cost ?? 0) } / count
        strongCost = items.reduce(0) { $0 + ($1.levels.last?.cost ?? 0) } / count
        let signals = Set(items.flatMap { $0.levels.dropLast().compactMap(\.signal) }).sorted(by: >)
        points = []
        points = [point(at: nil)] + signals.map { point(at: $0) }
    }

    /// The ladder's accuracy, cost and funnel when levels below the last accept at `threshold`.
    public func point(at threshold: Double?) -> OperatingPoint {
        var point = summarize(threshold) { policy.outcome(for: $0, threshold: threshold) }
        if case .gatedRouter(let gate) = policy { point.gateThreshold = gate }
        return point
    }

    /// The floor no real gate can beat: each item answered by the cheapest level that gets it right.
    /// A cascade's perfect gate rejects every wrong answer, so an item no level gets right pays for
    /// all of them; a perfect router sends it to the cheapest.
    public var oracle: OperatingPoint {
        summarize(nil) { item in
            let last = item.levels.count - 1
            let level = item.levels.prefix(last).firstIndex(where: \.correct) ?? (policy == .cascade || item.levels[last].correct ? last : 0)
            return (level, policy.cost(of: item, answeringAt: level))
        }
    }

    /// RouteLLM's APGR: the area under gap-recovered against strong-call share, from 0 to 1.
    /// `nil` when the strong level is no better than the weak one (there is no gap to recover).
    public var averageGapRecovered: Double? {
        guard strongAccuracy > weakAccuracy else { return nil }
        var best: [Double: Double] = [0: 0, 1: 1]
        for point in points {
            guard let recovered = point.gapRecovered else { continue }
            best[point.strongShare] = max(best[point.strongShare] ?? -.infinity, recovered)
        }
        let curve = best.sorted { $0.key < $1.key }
        return zip(curve, curve.dropFirst()).reduce(0) { area, pair in
            area + (pair.1.key - pair.0.key) * (pair.0.value + pair.1.value) / 2
        }
    }

    /// RouteLLM's CPT(x): the least strong-call share at which `fraction` of the gap is recovered.
    public func strongShare(toRecover fraction: Double) -> Double? {
        points.filter { ($0.gapRecovered ?? -.infinity) >= fraction }.map(\.strongShare).min()
    }

    func summarize(_ threshold: Double?, _ answering: (LadderItem) -> (level: Int, cost: Double)) -> OperatingPoint {
        let levelCount = items.first?.levels.count ?? 0
        var shares = [Double](repeating: 0, count: levelCount)
        var correct = 0
        var cost = 0.0
        for item in items {
            let (level, paid) = answering(item)
            shares[level] += 1
            if item.levels[level].correct { correct += 1 }
            cost += paid
        }
        let count = Double(max(items.count, 1))
        let accuracy = Double(correct) / count
        let meanCost = cost / count
        return OperatingPoint(
            threshold: threshold, accuracy: accuracy, cost: meanCost,
            relativeCost: strongCost > 0 ? meanCost / strongCost : 0,
            strongShare: (shares.last ?? 0) / count, levelShares: shares.map { $0 / count },
            gapRecovered: strongAccuracy > weakAccuracy ? (accuracy - weakAccuracy) / (strongAccuracy - weakAccuracy) : nil)
    }

    /// A gated router's curve: its router curve at each candidate gate threshold (the confidence
    /// values seen, thinned to about `limit`), all points together so a target may pick any pair.
    public static func gatedRouter(items: [LadderItem], limit: Int = 40) -> LadderCurve {
        let seen = Set(items.flatMap { $0.levels.dropLast().compactMap(\.confidence) }).sorted()
        let step = max(1, seen.count / limit)
        // Below every value seen the gate accepts every picked answer: the plain router's curve.
        let gates = [(seen.first ?? 0) - 1] + stride(from: 0, to: seen.count, by: step).map { seen[$0] }
        var merged = LadderCurve(policy: .router, items: items)
        merged.points = gates.flatMap { gate in
            LadderCurve(policy: .gatedRouter(gate: gate), items: items).points
        }
        return merged
    }
}
