import QuorumOrchestration

/// Seeded percentile bootstrap: resample with replacement, recompute a statistic, read quantiles.
///
/// The same seed gives the same intervals on every machine (`SeededRandom` is SplitMix64), so a
/// report can be regenerated and compared line by line.
public struct Bootstrap: Sendable {
    /// Number of resamples (at least 1,000 for the reported intervals).
    public var resamples: Int
    public var seed: UInt64

    public init(resamples: Int = 1000, seed: UInt64 = 42) {
        self.resamples = max(1, resamples)
        self.seed = seed
    }

    /// The statistic over `resamples` resamples of `values` (each the same size as `values`).
    public func replicates<Value>(of values: [Value], _ statistic: ([Value]) -> Double?) -> [Double] {
        guard !values.isEmpty else { return [] }
        var random = SeededRandom(seed: seed)
        var results: [Double] = []
        results.reserveCapacity(resamples)
        var sample: [Value] = []
        sample.reserveCapacity(values.count)
        for _ in 0..<resamples {
            sample.removeAll(keepingCapacity: true)
            for _ in 0..<values.count { sample.append(values[Int(random.next() % UInt64(values.count))]) }
            if let value = statistic(sample) { results.append(value) }
        }
        return results
    }

    /// Calls `body` once per resample with how many times each of `count` values was drawn (never for `count` ≤ 0).
    public func forEachResample(count: Int, _ body: ([Int]) -> Void) {
        guard count > 0 else { return }
        var random = SeededRandom(seed: seed)
        var draws = [Int](repeating: 0, count: count)
        for _ in 0..<resamples {
            for index in draws.indices { draws[index] = 0 }
            for _ in 0..<count { draws[Int(random.next() % UInt64(count))] += 1 }
            body(draws)
        }
    }

    /// The 95% and 90% percentile intervals of the mean of `values` (non-finite values left out).
    public func meanIntervals(of values: [Double]) -> ConfidenceIntervals? { meanEstimate(of: values).value }

    /// The intervals of the mean, or why there are none.
    public func meanEstimate(of values: [Double]) -> Result<ConfidenceIntervals, NotEnoughData> {
        let finite = values.finite
        guard !finite.isEmpty else {
            return .failure(NotEnoughData(values.isEmpty ? "no outcomes to resample" : "no finite outcome to resample"))
        }
        guard let intervals = ConfidenceIntervals(replicates: replicates(of: finite) { $0.reduce(0, +) / Double($0.count) }.finite)
        else { return .failure(NotEnoughData("no resample gave a finite mean")) }
        return .success(intervals)
    }
}

/// A statistic's bootstrap intervals: 95% (2.5–97.5 percentiles) and 90% (5–95, as arena-hard-auto prints).
public struct ConfidenceIntervals: Sendable, Hashable, Codable {
    public var lower95: Double
    public var upper95: Double
    public var lower90: Double
    public var upper90: Double

    public init(lower95: Double, upper95: Double, lower90: Double, upper90: Double) {
        self.lower95 = lower95
        self.upper95 = upper95
        self.lower90 = lower90
        self.upper90 = upper90
    }

    /// The percentiles of `replicates`; `nil` when there are none.
    public init?(replicates: [Double]) {
        let sorted = replicates.sorted()
        guard !sorted.isEmpty else { return nil }
        lower95 = Quantile.linear(sorted, 0.025)
        upper95 = Quantile.linear(sorted, 0.975)
        lower90 = Quantile.linear(sorted, 0.05)
        upper90 = Quantile.linear(sorted, 0.95)
    }

    /// The same intervals mapped through an increasing function (a logit to a probability).
    public func mapped(_ transform: (Double) -> Double) -> ConfidenceIntervals {
        ConfidenceIntervals(
            lower95: transform(lower95), upper95: transform(upper95), lower90: transform(lower90),
            upper90: transform(upper90))
    }
}

/// Quantiles of sorted values.
public enum Quantile {
    /// Linear interpolation between closest ranks: numpy's and pandas' default, which
    /// arena-hard-auto's percentiles use.
    public static func linear(_ sorted: [Double], _ fraction: Double) -> Double {
        guard sorted.count > 1 else { return sorted.first ?? .nan }
        guard fraction.isFinite else { return .nan }
        let position = min(1, max(0, fraction)) * Double(sorted.count - 1)
        let lower = Int(position.rounded(.down))
        let upper = min(lower + 1, sorted.count - 1)
        return sorted[lower] + (sorted[upper] - sorted[lower]) * (position - Double(lower))
    }
}
