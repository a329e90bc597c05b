/// Everything `quorum calibrate` found for one cascade or learned router: the curve, the chosen threshold, and how
/// that threshold does on items it was not fitted on. `--json` prints this value.
public struct CalibrationResult: Sendable, Codable {
    public var system: String
    public var levels: [String]
    /// The gate's signal (`mean`, `q0.1`, …, or `router` for a learned router's predicted chance)
    /// and the threshold in the config before calibrating.
    public var signal: String
    /// `cascade` (pays every level tried), `router` (pays the picked one, plus its embedding) or a
    /// gated router at the chosen gate threshold.
    public var policy: LadderPolicy
    public var configuredThreshold: Double
    public var target: String
    public var runID: String
    /// Items every level answered, and those left out because some level did not.
    public var items: Int
    public var incomplete: Int
    public var ladder: LadderSummary
    /// The threshold fitted on the fit part of the split, and its point there.
    public var chosen: OperatingPoint
    /// The chosen threshold on the held-out part (`--holdout`), when there is one.
    public var heldOut: LadderEstimate?
    /// The chosen threshold on a separate test split (`--test-split`), when asked.
    public var test: LadderEstimate?
    public var testLadder: LadderSummary?
    /// For a confidence cascade: how every signal would rank its answers, best first.
    public var signals: [SignalRanking] = []

    public init(
        plan: CalibrationPlan, target: CalibrationTarget, runID: String, items: [LadderItem], incomplete: Int,
        holdout: Double
    ) {
        system = plan.system
        levels = plan.levels
        signal = plan.policy.routes ? "router" + (plan.rule.map { " + " + $0.name } ?? "") : plan.rule?.name ?? ""
        configuredThreshold = plan.configuredThreshold
        self.target = target.description
        self.runID = runID
        self.items = items.count
        self.incomplete = incomplete
        ladder = LadderSummary(Self.curve(plan.policy, items))
        let (fit, heldOut) = items.splitForHoldout(holdout)
        chosen = target.choose(on: Self.curve(plan.policy, fit))
        // A gated router's target picks its gate threshold too.
        policy = chosen.gateThreshold.map { .gatedRouter(gate: $0) } ?? plan.policy
        self.heldOut = heldOut.isEmpty ? nil : LadderEstimate(policy: policy, items: heldOut, threshold: chosen.threshold)
    }

    /// Adds how the chosen threshold does on the test split's items.
    public mutating func evaluate(onTest items: [LadderItem]) {
        test = LadderEstimate(policy: policy, items: items, threshold: chosen.threshold)
        testLadder = LadderSummary(Self.curve(policy, items))
    }

    /// Every operating point of `policy` on `items`; for a gated router, over every gate threshold too.
    public static func curve(_ policy: LadderPolicy, _ items: [LadderItem]) -> LadderCurve {
        if case .gatedRouter = policy { return LadderCurve.gatedRouter(items: items) }
        return LadderCurve(policy: policy, items: items)
    }
}

/// A ladder's reference figures over a set of items: each end alone, the oracle, RouteLLM's metrics,
/// and the curve between.
public struct LadderSummary: Sendable, Hashable, Codable {
    public var items: Int
    public var weakAccuracy: Double
    public var strongAccuracy: Double
    /// The cheapest level's cost relative to the strongest's.
    public var weakRelativeCost: Double
    public var oracle: OperatingPoint
    public var averageGapRecovered: Double?
    /// Strong-call share needed for 50% and 80% of the weak→strong gap (CPT50, CPT80).
    public var cpt50: Double?
    public var cpt80: Double?
    public var points: [OperatingPoint]

    public init(_ curve: LadderCurve) {
        items = curve.items.count
        weakAccuracy = curve.weakAccuracy
        strongAccuracy = curve.strongAccuracy
        weakRelativeCost = curve.strongCost > 0 ? curve.weakCost / curve.strongCost : 0
        oracle = curve.oracle
        averageGapRecovered = curve.averageGapRecovered
        cpt50 = curve.strongShare(toRecover: 0.5)
        cpt80 = curve.strongShare(toRecover: 0.8)
        // A gated router's points span two thresholds; of those, the cost–quality frontier is its curve.
        points = curve.points.contains { $0.gateThreshold != nil } ? Self.frontier(curve.points) : curve.points
    }

    /// The points no other point beats on both cost and accuracy, cheapest first.
    static func frontier(_ points: [OperatingPoint]) -> [OperatingPoint] {
        var best = -Double.infinity
        var kept: [OperatingPoint] = []
        for point in points.sorted(by: { ($0.cost, -$0.accuracy) < ($1.cost, -$1.accuracy) }) where point.accuracy > best {
            kept.append(point)
            best = point.accuracy
        }
        return kept
    }
}
