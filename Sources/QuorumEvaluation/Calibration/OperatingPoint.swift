/// A ladder's accuracy and cost over a set of items at one threshold.
public struct OperatingPoint: Sendable, Hashable, Codable {
    /// `nil`: no level below the last accepts (everything goes to the strongest model).
    public var threshold: Double?
    public var accuracy: Double
    /// Mean USD per item.
    public var cost: Double
    /// Mean cost relative to the strongest level answering every item alone (1 = the same).
    public var relativeCost: Double
    /// Share of items answered by the last (strongest) level.
    public var strongShare: Double
    /// Share of items each level answered, cheapest first: the escalation funnel.
    public var levelShares: [Double]
    /// Share of the weak→strong accuracy gap recovered (RouteLLM's PGR); `nil` when the strong level
    /// is no better than the weak one.
    public var gapRecovered: Double?
    /// A gated router's confidence threshold for the picked model's answer (`nil` for other ladders).
    public var gateThreshold: Double?

    public init(
        threshold: Double?, accuracy: Double, cost: Double, relativeCost: Double, strongShare: Double,
        levelShares: [Double], gapRecovered: Double?
    ) {
        self.threshold = threshold
        self.accuracy = accuracy
        self.cost = cost
        self.relativeCost = relativeCost
        self.strongShare = strongShare
        self.levelShares = levelShares
        self.gapRecovered = gapRecovered
    }
}
