/// A threshold's result on items it was not fitted on, with bootstrap intervals: what a user can
/// expect from it on new items.
public struct LadderEstimate: Sendable, Hashable, Codable {
    public var items: Int
    public var point: OperatingPoint
    /// The strongest level alone on the same items.
    public var strongAccuracy: Double
    public var accuracy: ConfidenceIntervals?
    /// Accuracy over the strongest level's accuracy (1 = as good).
    public var qualityRatio: Double?
    public var qualityRatioInterval: ConfidenceIntervals?
    public var relativeCost: ConfidenceIntervals?

    /// `threshold` replayed on `items` (resampled `bootstrap.resamples` times, by item).
    public init(policy: LadderPolicy, items: [LadderItem], threshold: Double?, bootstrap: Bootstrap = Bootstrap()) {
        let full = LadderCurve(policy: policy, items: items)
        self.items = items.count
        point = full.point(at: threshold)
        strongAccuracy = full.strongAccuracy
        qualityRatio = full.strongAccuracy > 0 ? point.accuracy / full.strongAccuracy : nil
        // Per item: (right, cost, strongest right, strongest's cost), resampled together so the
        // ratios keep their pairing.
        let rows = items.map { item -> (Double, Double, Double, Double) in
            let (level, cost) = policy.outcome(for: item, threshold: threshold)
            return (
                item.levels[level].correct ? 1 : 0, cost,
                item.levels.last?.correct == true ? 1 : 0, item.levels.last?.cost ?? 0)
        }
        var accuracies: [Double] = []
        var ratios: [Double] = []
        var costs: [Double] = []
        bootstrap.forEachResample(count: rows.count) { draws in
            var sums = (0.0, 0.0, 0.0, 0.0, 0.0)
            for (index, times) in draws.enumerated() where times > 0 {
                let weight = Double(times)
                sums.0 += rows[index].0 * weight
                sums.1 += rows[index].1 * weight
                sums.2 += rows[index].2 * weight
                sums.3 += rows[index].3 * weight
                sums.4 += weight
            }
            accuracies.append(sums.0 / sums.4)
            if sums.2 > 0 { ratios.append(sums.0 / sums.2) }
            if sums.3 > 0 { costs.append(sums.1 / sums.3) }
        }
        accuracy = ConfidenceIntervals(replicates: accuracies)
        qualityRatioInterval = ConfidenceIntervals(replicates: ratios)
        relativeCost = ConfidenceIntervals(replicates: costs)
    }
}

extension Array where Element == LadderItem {
    /// Splits into (fit, held out): every item whose position crosses a multiple of `1 / holdout`
    /// is held out, so both parts keep the dataset's order and mix.
    public func splitForHoldout(_ holdout: Double) -> (fit: [LadderItem], heldOut: [LadderItem]) {
        guard holdout > 0 else { return (self, []) }
        var fit: [LadderItem] = []
        var heldOut: [LadderItem] = []
        for (index, item) in enumerated() {
            if (Double(index + 1) * holdout).rounded(.down) > (Double(index) * holdout).rounded(.down) {
                heldOut.append(item)
            } else {
                fit.append(item)
            }
        }
        return (fit, heldOut)
    }
}
