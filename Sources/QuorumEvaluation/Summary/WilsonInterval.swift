import Foundation

/// A 95% Wilson score interval for a proportion: honest near 0 and 1 and for small samples.
public struct WilsonInterval: Sendable, Hashable, Codable {
    public var lower: Double
    public var upper: Double

    /// The interval for `successes` out of `trials` at z = 1.96; `nil` when there are no trials.
    public init?(successes: Int, trials: Int, z: Double = 1.959964) {
        guard trials > 0 else { return nil }
        let n = Double(trials)
        let p = Double(successes) / n
        let z2 = z * z
        let center = (p + z2 / (2 * n)) / (1 + z2 / n)
        let half = z * ((p * (1 - p) / n + z2 / (4 * n * n)).squareRoot()) / (1 + z2 / n)
        lower = max(0, center - half)
        upper = min(1, center + half)
    }
}
