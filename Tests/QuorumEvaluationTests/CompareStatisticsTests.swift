import Foundation
import QuorumOrchestration
import Testing

@testable import QuorumEvaluation

@Suite("Comparison statistics")
struct CompareStatisticsTests {
    @Test("Wilson intervals match the textbook values")
    func wilsonTextbook() throws {
        let none = try #require(WilsonInterval(successes: 0, trials: 10))
        #expect(none.lower == 0)
        #expect(abs(none.upper - 0.277533) < 1e-5)
        let half = try #require(WilsonInterval(successes: 5, trials: 10))
        #expect(abs(half.lower - 0.236593) < 1e-5 && abs(half.upper - 0.763407) < 1e-5)
        let most = try #require(WilsonInterval(successes: 8, trials: 10))
        #expect(abs(most.lower - 0.490162) < 1e-5 && abs(most.upper - 0.943318) < 1e-5)
    }

    @Test("McNemar's statistic matches the textbook example (b = 121, c = 59)")
    func mcnemarTextbook() {
        let test = McNemarTest(baselineOnly: 121, systemOnly: 59)
        #expect(abs(test.chiSquare - 21.35556) < 1e-4)
        #expect(abs(test.chiSquareCorrected - 20.67222) < 1e-4)
        #expect(abs(test.pValue - 5.4501e-6) < 1e-8)
    }

    @Test("McNemar's exact test is used for few discordant pairs: b = 1, c = 5 gives p = 14/64")
    func mcnemarExact() {
        let test = McNemarTest(baselineOnly: 1, systemOnly: 5)
        #expect(abs(test.pValue - 14.0 / 64.0) < 1e-12)
        #expect(McNemarTest(baselineOnly: 0, systemOnly: 0).pValue == 1)
    }

    @Test("the bootstrap on a fixed seed reproduces the intervals of an independent SplitMix64 implementation")
    func bootstrapFixedSeed() throws {
        let values = [0.0, 0.5, 1, 1, 0, 1, 1, 0.5]
        let intervals = try #require(Bootstrap(resamples: 1000, seed: 7).meanIntervals(of: values))
        // Computed with a Python SplitMix64 and numpy-style linear percentiles.
        #expect(intervals == ConfidenceIntervals(lower95: 0.3125, upper95: 0.875, lower90: 0.375, upper90: 0.875))
        #expect(Bootstrap(resamples: 1000, seed: 7).meanIntervals(of: values) == intervals)
    }

    @Test("bootstrap intervals of a fair coin's mean match the normal approximation")
    func bootstrapWidth() throws {
        let values = (0..<1000).map { Double($0 % 2) }
        let intervals = try #require(Bootstrap(resamples: 2000, seed: 1).meanIntervals(of: values))
        let half = 1.959964 * (0.25 / 1000).squareRoot()
        #expect(abs(intervals.lower95 - (0.5 - half)) < 0.005)
        #expect(abs(intervals.upper95 - (0.5 + half)) < 0.005)
        #expect(intervals.lower90 > intervals.lower95 && intervals.upper90 < intervals.upper95)
    }

    @Test("linear quantiles interpolate like numpy")
    func quantiles() {
        #expect(Quantile.linear([1, 2, 3, 4], 0.25) == 1.75)
        #expect(Quantile.linear([1, 2, 3, 4], 0.5) == 2.5)
        #expect(Quantile.linear([5], 0.9) == 5)
    }

    @Test("the Arena-Hard score of a hand-worked example: strong verdicts count three times, the swapped game is inverted")
    func arenaScore() throws {
        // Item 1: system ≫ baseline (system as A), then baseline as A loses: [1,1,1] + [1].
        let first = try #require(ArenaScore.outcomes(systemFirst: .muchBetterA, baselineFirst: .betterB))
        #expect(first == [1, 1, 1, 1])
        // Item 2: tie, then the baseline (as A) wins: [0.5] + [0].
        let second = try #require(ArenaScore.outcomes(systemFirst: .tie, baselineFirst: .betterA))
        #expect(second == [0.5, 0])
        // Item 3: the baseline wins strongly both times: [0,0,0] + [0,0,0].
        let third = try #require(ArenaScore.outcomes(systemFirst: .muchBetterB, baselineFirst: .muchBetterA))
        #expect(ArenaScore.score(first + second + third) == 4.5 / 12)
        #expect(ArenaScore.outcomes(systemFirst: .tie, baselineFirst: nil) == nil)
    }

    @Test("Bradley–Terry recovers a hand-computed tournament: A beats B 2 of 3, B beats C 2 of 3")
    func bradleyTerryChain() throws {
        let games = [
            BradleyTerry.Game(first: "A", second: "B", outcome: 1), BradleyTerry.Game(first: "A", second: "B", outcome: 1),
            BradleyTerry.Game(first: "A", second: "B", outcome: 0), BradleyTerry.Game(first: "B", second: "C", outcome: 1),
            BradleyTerry.Game(first: "B", second: "C", outcome: 1), BradleyTerry.Game(first: "C", second: "B", outcome: 1),
        ]
        let result = BradleyTerry(reference: "C", bootstrap: Bootstrap(resamples: 1)).fit(games, players: ["A", "B", "C"])
        let a = try #require(result.ratings.first { $0.system == "A" })
        let b = try #require(result.ratings.first { $0.system == "B" })
        // The likelihood splits per edge of the chain: r_B − r_C = ln 2, r_A − r_B = ln 2.
        #expect(abs(b.coefficient - log(2)) < 1e-4)
        #expect(abs(a.coefficient - 2 * log(2)) < 1e-4)
        #expect(abs(a.winProbability - 0.8) < 1e-4)
        #expect(result.ratings.map(\.system) == ["A", "B", "C"])
    }

    @Test("Bradley–Terry ratings get bootstrap intervals around the estimate; ties count half")
    func bradleyTerryIntervals() throws {
        let games = (0..<40).map { BradleyTerry.Game(first: "x", second: "base", outcome: $0 < 24 ? 1 : $0 < 28 ? 0.5 : 0) }
        let result = BradleyTerry(reference: "base", bootstrap: Bootstrap(resamples: 1000, seed: 3)).fit(games, players: ["base", "x"])
        let x = try #require(result.ratings.first { $0.system == "x" })
        #expect(abs(x.winProbability - 26.0 / 40) < 1e-4)
        let intervals = try #require(x.intervals)
        #expect(intervals.lower95 < x.winProbability && x.winProbability < intervals.upper95)
        #expect(intervals.upper95 - intervals.lower95 < 0.4)
    }

    @Test("a style covariate that explains the wins takes the credit from the rating")
    func styleControl() throws {
        // Long answers always win, short ones always lose; the system is long half the time.
        let games = (0..<40).map { index in
            BradleyTerry.Game(first: "x", second: "base", outcome: index % 2 == 0 ? 0.9 : 0.1, covariates: [index % 2 == 0 ? 1 : -1])
        }
        let plain = BradleyTerry(reference: "base", bootstrap: Bootstrap(resamples: 1)).fit(games, players: ["base", "x"])
        let styled = BradleyTerry(reference: "base", bootstrap: Bootstrap(resamples: 1))
            .fit(games, players: ["base", "x"], covariateNames: ["length"])
        #expect(abs(try #require(plain.ratings.first { $0.system == "x" }).winProbability - 0.5) < 1e-6)
        #expect(abs(try #require(styled.ratings.first { $0.system == "x" }).coefficient) < 1e-6)
        #expect(abs(styled.covariateCoefficients[0] - log(9)) < 1e-4)
    }

    @Test("the Pareto frontier keeps only systems nobody beats on both cost and quality")
    func frontier() {
        let points = [
            ParetoFrontier.Point(system: "cheap", cost: 1, quality: 0.5), ParetoFrontier.Point(system: "good", cost: 2, quality: 0.7),
            ParetoFrontier.Point(system: "dominated", cost: 3, quality: 0.6), ParetoFrontier.Point(system: "same-cost-worse", cost: 2, quality: 0.65),
        ]
        #expect(ParetoFrontier.optimal(points) == ["cheap", "good"])
    }

    @Test("style features count markdown outside code blocks and difference like arena-hard-auto")
    func styleFeatures() {
        let text = "# Title\n\n- one\n- two\n1. three\n**bold** and __also__\n```\n# not a header\n- nor a list\n```"
        let features = StyleFeatures(of: text)
        #expect(features.headers == 1 && features.listItems == 3 && features.bold == 2)
        let plain = StyleFeatures(tokens: 10, headers: 0, listItems: 0, bold: 0)
        let long = StyleFeatures(tokens: 30, headers: 3, listItems: 0, bold: 0)
        let difference = long.difference(from: plain)
        #expect(difference[0] == 0.5)
        #expect(abs(difference[1] - 0.1 / 1.1) < 1e-12)
        let standardized = StyleFeatures.standardized([[1, 5], [3, 5]])
        #expect(abs(standardized[0][0] + (0.5).squareRoot()) < 1e-12 && abs(standardized[1][0] - (0.5).squareRoot()) < 1e-12)
        #expect(standardized[0][1] == 0 && standardized[1][1] == 0)
    }
}
