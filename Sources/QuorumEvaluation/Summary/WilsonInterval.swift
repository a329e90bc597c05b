import Foundation

/// A 95% Wilson score interval for a proportion: honest near 0 and 1 and for small samples.
public struct WilsonInterval: Sendable, Hashable, Codable {
    public var lower: Double
    public var upper: Double

    /// The interval for `successes` out of `trials` at z = 1.96; `nil` when there are no trials.
    public init?(successes: Int, trials: Int, z: Double = 1.959964) {
        guard let interval = Self.estimate(successes: successes, trials: trials, z: z).value else { return nil }
        self = interval
    }

    /// The interval, or why there is none (no trials, impossible counts, a non-finite z).
    public static func estimate(successes: Int, trials: Int, z: Double = 1.959964) -> Result<WilsonInterval, NotEnoughData> {
        guard trials > 0 else { return .failure(NotEnoughData("no trials")) }
        guard (0...trials).contains(successes) else {
            return .failure(NotEnoughData("\(successes) successes out of \(trials) trials is not a proportion"))
        }
        guard z.isFinite, z > 0 else { return .failure(NotEnoughData("the interval's z must be a positive number")) }
        return .success(WilsonInterval(checkedSuccesses: successes, trials: trials, z: z))
    }

    private init(checkedSuccesses successes: Int, trials: Int, z: Double) {
        let n = Double(trials)
        let p = Double(successes) / n
        let z2 = z * z
        let center = (p + z2 / (2 * n)) / (1 + z2 / n)
        let half = z * ((p * (1 - p) / n + z2 / (4 * n * n)).squareRoot()) / (1 + z2 / n)
        lower = max(0, center - half)
        upper = min(1, center + half)
    }
}
