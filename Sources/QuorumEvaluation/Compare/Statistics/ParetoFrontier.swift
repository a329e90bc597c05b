/// Which systems are cost–quality Pareto-optimal: no other system is at least as cheap and at
/// least as good, and strictly better on one of the two.
public enum ParetoFrontier {
    /// A system's position: cost (lower is better) and quality (higher is better).
    public struct Point: Sendable, Hashable {
        public var system: String
        public var cost: Double
        public var quality: Double

        public init(system: String, cost: Double, quality: Double) {
            self.system = system
            self.cost = cost
            self.quality = quality
        }
    }

    /// The names of the Pareto-optimal points, cheapest first.
    public static func optimal(_ points: [Point]) -> [String] {
        points.filter { point in
            !points.contains { other in
                other.system != point.system && other.cost <= point.cost && other.quality >= point.quality
                    && (other.cost < point.cost || other.quality > point.quality)
            }
        }
        .sorted { ($0.cost, -$0.quality) < ($1.cost, -$1.quality) }
        .map(\.system)
    }
}
