/// Krippendorff's alpha: agreement among any number of coders, with missing values.
///
/// Follows Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability": values are paired
/// within each unit into a coincidence matrix; a unit coded by fewer than two coders is not
/// pairable and is left out; `alpha = 1 - D_o / D_e`. The result is `nil` when fewer than two
/// pairable values exist or every pairable value is the same (expected disagreement is zero, so
/// alpha is undefined).
public enum KrippendorffAlpha {
    /// How far apart two values are.
    public enum Metric: String, Sendable, Hashable, Codable {
        /// Any two different values disagree fully.
        case nominal
        /// Distance grows with how many values (by their pairable frequency) lie between them.
        case ordinal
        /// Squared difference of the values.
        case interval
    }

    /// Alpha over `units`, each the values its coders gave (`nil` where a coder gave none).
    public static func alpha(_ units: [[Double?]], metric: Metric) -> Double? { estimate(units, metric: metric).value }

    /// Alpha, or why it is undefined. Non-finite values count as missing.
    public static func estimate(_ units: [[Double?]], metric: Metric) -> Result<Double, NotEnoughData> {
        let pairable = units.map { $0.compactMap { $0 }.finite }.filter { $0.count >= 2 }
        guard !pairable.isEmpty else { return .failure(NotEnoughData("no unit was coded by two coders")) }
        let values = Array(Set(pairable.joined())).sorted()
        guard values.count >= 2 else {
            return .failure(NotEnoughData("every coder gave the same value throughout: alpha is undefined"))
        }
        let index = Dictionary(uniqueKeysWithValues: values.enumerated().map { ($1, $0) })
        var coincidences = [[Double]](repeating: [Double](repeating: 0, count: values.count), count: values.count)
        for unit in pairable {
            var counts = [Int: Double]()
            for value in unit { if let position = index[value] { counts[position, default: 0] += 1 } }
            let weight = 1 / Double(unit.count - 1)
            for (c, countC) in counts {
                for (k, countK) in counts {
                    coincidences[c][k] += (c == k ? countC * (countC - 1) : countC * countK) * weight
                }
            }
        }
        let marginals = coincidences.map { $0.reduce(0, +) }
        let total = marginals.reduce(0, +)
        var observed = 0.0, expected = 0.0
        for c in values.indices {
            for k in values.indices where c != k {
                let distance = squaredDistance(c, k, values: values, marginals: marginals, metric: metric)
                observed += coincidences[c][k] * distance
                expected += marginals[c] * marginals[k] * distance
            }
        }
        let alpha = 1 - (total - 1) * observed / expected
        guard expected > 0, alpha.isFinite else {
            return .failure(NotEnoughData("the values leave no expected disagreement: alpha is undefined"))
        }
        return .success(alpha)
    }

    /// Krippendorff's δ² between the values at indices `c` and `k`.
    static func squaredDistance(_ c: Int, _ k: Int, values: [Double], marginals: [Double], metric: Metric) -> Double {
        switch metric {
        case .nominal:
            return c == k ? 0 : 1
        case .interval:
            return (values[c] - values[k]) * (values[c] - values[k])
        case .ordinal:
            let (low, high) = (min(c, k), max(c, k))
            let between = marginals[low...high].reduce(0, +) - (marginals[low] + marginals[high]) / 2
            return between * between
        }
    }
}
