import Testing

@testable import QuorumEvaluation

@Suite("Krippendorff's alpha and correlations")
struct KrippendorffAlphaTests {
    /// Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section C: four
    /// observers, twelve units, missing values; the paper gives nominal 0.743, ordinal 0.815 and
    /// interval 0.849.
    static let textbook: [[Double?]] = {
        let observers: [[Double?]] = [
            [1, 2, 3, 3, 2, 1, 4, 1, 2, nil, nil, nil],
            [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, nil, 3],
            [nil, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, nil],
            [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, nil],
        ]
        return (0..<12).map { unit in observers.map { $0[unit] } }
    }()

    @Test("the textbook example gives the published alphas", arguments: [
        (KrippendorffAlpha.Metric.nominal, 0.743421052631579),
        (.ordinal, 0.8153875037548814),
        (.interval, 0.8491071428571428),
    ])
    func textbook(metric: KrippendorffAlpha.Metric, expected: Double) throws {
        let alpha = try #require(KrippendorffAlpha.alpha(Self.textbook, metric: metric))
        #expect(abs(alpha - expected) < 1e-12)
    }

    @Test("alpha is undefined when every value agrees or nothing is pairable")
    func undefined() {
        #expect(KrippendorffAlpha.alpha([[1, 1], [1, 1]], metric: .interval) == nil)
        #expect(KrippendorffAlpha.alpha([[1, nil], [nil, 2]], metric: .nominal) == nil)
        #expect(KrippendorffAlpha.alpha([[0, 1], [1, 0]], metric: .nominal)! < 0)
    }

    @Test("Spearman ranks ties by their average rank")
    func spearmanTies() {
        #expect(Correlation.averageRanks([10, 20, 20, 30]) == [1, 2.5, 2.5, 4])
        #expect(Correlation.spearman([1, 2, 3], [1, 4, 9]) == 1)
        #expect(Correlation.pearson([1, 1, 1], [1, 2, 3]) == nil)
    }
}
