/// Correlation coefficients between two equally long samples.
public enum Correlation {
    /// Pearson's r; `nil` with fewer than two pairs or when either sample is constant.
    public static func pearson(_ x: [Double], _ y: [Double]) -> Double? { pearsonEstimate(x, y).value }

    /// Spearman's rho: Pearson's r of the ranks, ties sharing their average rank (as scipy does).
    public static func spearman(_ x: [Double], _ y: [Double]) -> Double? { spearmanEstimate(x, y).value }

    /// Pearson's r in −1…1, or why there is none. Pairs with a non-finite value are left out.
    public static func pearsonEstimate(_ x: [Double], _ y: [Double]) -> Result<Double, NotEnoughData> {
        finitePairs(x, y).flatMap { product($0.0, $0.1) }
    }

    /// Spearman's rho in −1…1, or why there is none.
    public static func spearmanEstimate(_ x: [Double], _ y: [Double]) -> Result<Double, NotEnoughData> {
        finitePairs(x, y).flatMap { product(averageRanks($0.0), averageRanks($0.1)) }
    }

    /// The pairs both of whose values are finite, when there are at least two.
    static func finitePairs(_ x: [Double], _ y: [Double]) -> Result<([Double], [Double]), NotEnoughData> {
        guard x.count == y.count else { return .failure(NotEnoughData("the samples differ in length (\(x.count) and \(y.count))")) }
        let pairs = zip(x, y).filter { $0.0.isFinite && $0.1.isFinite }
        guard pairs.count >= 2 else { return .failure(NotEnoughData("fewer than two pairs (\(pairs.count))")) }
        return .success((pairs.map(\.0), pairs.map(\.1)))
    }

    /// The product-moment correlation of two finite, equally long samples.
    static func product(_ x: [Double], _ y: [Double]) -> Result<Double, NotEnoughData> {
        let meanX = x.reduce(0, +) / Double(x.count), meanY = y.reduce(0, +) / Double(y.count)
        var covariance = 0.0, varianceX = 0.0, varianceY = 0.0
        for (a, b) in zip(x, y) {
            covariance += (a - meanX) * (b - meanY)
            varianceX += (a - meanX) * (a - meanX)
            varianceY += (b - meanY) * (b - meanY)
        }
        guard varianceX > 0, varianceY > 0 else { return .failure(NotEnoughData("a constant column: one side never varies")) }
        let product = (varianceX * varianceY).squareRoot()
        let r = covariance / (product.isFinite ? product : varianceX.squareRoot() * varianceY.squareRoot())
        guard r.isFinite else { return .failure(NotEnoughData("the values are too large to correlate")) }
        return .success(min(1, max(-1, r)))
    }

    /// Ranks from 1, tied values sharing the mean of the ranks they span (NaN ranks last).
    public static func averageRanks(_ values: [Double]) -> [Double] {
        let order = values.indices.sorted { a, b in
            values[a].isNaN ? false : values[b].isNaN ? true : values[a] < values[b]
        }
        var ranks = [Double](repeating: 0, count: values.count)
        var start = 0
        while start < order.count {
            var end = start
            while end + 1 < order.count, values[order[end + 1]] == values[order[start]] { end += 1 }
            let shared = Double(start + end) / 2 + 1
            for position in start...end { ranks[order[position]] = shared }
            start = end + 1
        }
        return ranks
    }
}
