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

    /// The names of the Pareto-optimal points, cheapest first; points with a non-finite or negative
    /// cost or a non-finite quality are not placed.
    public static func optimal(_ points: [Point]) -> [String] {
        let points = points.filter(\.isPlaceable)
        return points.filter { point in
            !points.contains { other in
                other.system != point.system && other.cost <= point.cost && other.quality >= point.quality
                    && (other.cost < point.cost || other.quality > point.quality)
            }
        }
        .sorted { ($0.cost, -$0.quality) < ($1.cost, -$1.quality) }
        .map(\.system)
    }

    /// The frontier, or why there is none: no point with a finite cost and quality.
    public static func estimate(_ points: [Point]) -> Result<[String], NotEnoughData> {
        guard !points.isEmpty else { return .failure(NotEnoughData("no system has both a cost per item and a quality")) }
        let frontier = optimal(points)
        guard !frontier.isEmpty else {
            return .failure(NotEnoughData("no system has a finite, non-negative cost and a finite quality"))
        }
        return .success(frontier)
    }
}

extension ParetoFrontier.Point {
    var isPlaceable: Bool { cost.isFinite && cost >= 0 && quality.isFinite }
}
