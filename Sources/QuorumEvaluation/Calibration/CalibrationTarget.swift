import QuorumCore

/// What a calibrated threshold aims for (`--target quality=0.95|strong-share=0.3|cost=0.5`).
public enum CalibrationTarget: Sendable, Hashable, CustomStringConvertible {
    /// The cheapest point keeping at least this fraction of the strongest level's accuracy.
    case quality(Double)
    /// The most accurate point sending at most this share of items to the strongest level.
    case strongShare(Double)
    /// The most accurate point costing at most this fraction of the strongest level alone.
    case cost(Double)

    /// Parses `quality=0.95`, `strong-share=0.3` or `cost=0.5`.
    public init(parsing text: String) throws {
        let parts = text.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.count == 2, let value = Double(parts[1]), value > 0, value <= 1 else {
            throw QuorumError(.configuration, "--target '\(text)' is not KIND=VALUE with VALUE in (0, 1]; e.g. quality=0.95")
        }
        switch parts[0] {
        case "quality": self = .quality(value)
        case "strong-share": self = .strongShare(value)
        case "cost": self = .cost(value)
        default:
            throw QuorumError(.configuration, "--target kind '\(parts[0])' is not quality, strong-share or cost")
        }
    }

    public var description: String {
        switch self {
        case .quality(let value): "quality=\(value)"
        case .strongShare(let value): "strong-share=\(value)"
        case .cost(let value): "cost=\(value)"
        }
    }

    /// The point of `curve` this target picks; "escalate all" when no point meets it.
    public func choose(on curve: LadderCurve) -> OperatingPoint {
        let fallback = curve.point(at: nil)
        let cheapest: ([OperatingPoint]) -> OperatingPoint? = { $0.min { ($0.cost, -$0.accuracy) < ($1.cost, -$1.accuracy) } }
        let mostAccurate: ([OperatingPoint]) -> OperatingPoint? = {
            $0.min { (-$0.accuracy, $0.cost) < (-$1.accuracy, $1.cost) }
        }
        switch self {
        case .quality(let fraction):
            return cheapest(curve.points.filter { $0.accuracy >= fraction * curve.strongAccuracy - 1e-12 }) ?? fallback
        case .strongShare(let share):
            return mostAccurate(curve.points.filter { $0.strongShare <= share + 1e-12 }) ?? fallback
        case .cost(let fraction):
            return mostAccurate(curve.points.filter { $0.relativeCost <= fraction + 1e-12 }) ?? fallback
        }
    }
}
