import Foundation

/// McNemar's test for paired binary outcomes: did two systems get *different* items right more
/// often than chance allows? Only discordant pairs count.
public struct McNemarTest: Sendable, Hashable, Codable {
    /// Items only the baseline got right.
    public var baselineOnly: Int
    /// Items only the other system got right.
    public var systemOnly: Int
    /// Uncorrected statistic (b − c)² / (b + c).
    public var chiSquare: Double
    /// With Edwards' continuity correction: (|b − c| − 1)² / (b + c).
    public var chiSquareCorrected: Double
    /// Two-sided exact binomial p-value (used when there are fewer than 25 discordant pairs).
    public var exactPValue: Double
    /// The p-value reported: exact below 25 discordant pairs, else the corrected chi-square's.
    public var pValue: Double
    /// Why the test says nothing, when it does not: no discordant pairs (p is then 1).
    public var note: String?

    /// The test on `b` and `c` discordant pairs; negative counts are read as 0.
    public init(baselineOnly b: Int, systemOnly c: Int) {
        let (b, c) = (max(0, b), max(0, c))
        baselineOnly = b
        systemOnly = c
        let discordant = Double(b) + Double(c)
        let gap = Double(b) - Double(c)
        chiSquare = discordant == 0 ? 0 : gap * gap / discordant
        chiSquareCorrected = discordant == 0 ? 0 : pow(max(0, abs(gap) - 1), 2) / discordant
        exactPValue = discordant <= 100_000
            ? Self.exactBinomialPValue(min(b, c), b + c) : Self.chiSquareOneDegreePValue(chiSquareCorrected)
        pValue = discordant < 25 ? exactPValue : Self.chiSquareOneDegreePValue(chiSquareCorrected)
        note = discordant == 0 ? "no discordant pairs: both systems got the same items right" : nil
    }

    /// 2·P(X ≤ k) for X ~ Binomial(n, ½), capped at 1; summed in log space so that large `n`
    /// does not underflow to 0.
    static func exactBinomialPValue(_ k: Int, _ n: Int) -> Double {
        guard n > 0, k >= 0 else { return 1 }
        var logTerm = Double(n) * log(0.5)  // log(C(n, 0) / 2^n)
        var cumulative = 0.0
        for i in 0...min(k, n) {
            cumulative += exp(logTerm)
            logTerm += log(Double(n - i)) - log(Double(i + 1))
        }
        return min(1, 2 * cumulative)
    }

    /// Upper tail of the chi-square distribution with one degree of freedom.
    static func chiSquareOneDegreePValue(_ statistic: Double) -> Double {
        erfc((statistic / 2).squareRoot())
    }
}
