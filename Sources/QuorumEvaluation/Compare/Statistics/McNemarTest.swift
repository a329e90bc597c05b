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

    public init(baselineOnly b: Int, systemOnly c: Int) {
        baselineOnly = b
        systemOnly = c
        let discordant = Double(b + c)
        chiSquare = discordant == 0 ? 0 : Double((b - c) * (b - c)) / discordant
        chiSquareCorrected = discordant == 0 ? 0 : pow(max(0, Double(abs(b - c)) - 1), 2) / discordant
        exactPValue = Self.exactBinomialPValue(min(b, c), b + c)
        pValue = b + c < 25 ? exactPValue : Self.chiSquareOneDegreePValue(chiSquareCorrected)
    }

    /// 2·P(X ≤ k) for X ~ Binomial(n, ½), capped at 1.
    static func exactBinomialPValue(_ k: Int, _ n: Int) -> Double {
        guard n > 0 else { return 1 }
        var cumulative = 0.0
        var term = pow(0.5, Double(n))  // C(n, 0) / 2^n
        for i in 0...k {
            cumulative += term
            term *= Double(n - i) / Double(i + 1)
        }
        return min(1, 2 * cumulative)
    }

    /// Upper tail of the chi-square distribution with one degree of freedom.
    static func chiSquareOneDegreePValue(_ statistic: Double) -> Double {
        erfc((statistic / 2).squareRoot())
    }
}
