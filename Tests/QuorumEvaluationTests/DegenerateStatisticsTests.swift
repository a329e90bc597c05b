import Foundation
import QuorumOrchestration
import Testing

@testable import QuorumEvaluation

/// Degenerate and random inputs for every estimator: none may trap, return a non-finite number or
/// leave the reader without a reason.
@Suite("Statistics on degenerate data")
struct DegenerateStatisticsTests {
    typealias Game = BradleyTerry.Game

    /// Named game sets that once trapped or could: (name, games, players, covariate names, whether `x` is rated).
    static let gameSets: [(String, [Game], [String], [String], Bool)] = [
        ("no games", [], ["base", "x"], [], false),
        ("no games, style-controlled", [], ["base", "x"], StyleFeatures.covariateNames, false),
        ("one game", [Game(first: "x", second: "base", outcome: 1)], ["base", "x"], [], true),
        ("all wins", (0..<30).map { _ in Game(first: "x", second: "base", outcome: 1) }, ["base", "x"], [], true),
        ("all losses", (0..<30).map { _ in Game(first: "x", second: "base", outcome: 0) }, ["base", "x"], [], true),
        ("all ties", (0..<30).map { _ in Game(first: "x", second: "base", outcome: 0.5) }, ["base", "x"], [], true),
        ("one system", [Game(first: "base", second: "base", outcome: 1)], ["base"], [], false),
        ("non-finite outcomes", [Game(first: "x", second: "base", outcome: .nan), Game(first: "x", second: "base", outcome: 7)],
            ["base", "x"], [], false),
        ("fewer covariates than names", [Game(first: "x", second: "base", outcome: 1, covariates: [1])],
            ["base", "x"], ["length", "headers"], false),
        ("non-finite covariates", [Game(first: "x", second: "base", outcome: 1, covariates: [.infinity])], ["base", "x"], ["length"], false),
        ("players nobody named", [Game(first: "ghost", second: "base", outcome: 1)], ["base", "x"], [], false),
    ]

    @Test("Bradley–Terry never traps and says why a system has no rating", arguments: gameSets)
    func bradleyTerryDegenerate(_ name: String, _ games: [Game], _ players: [String], _ covariates: [String], _ rated: Bool) {
        let result = BradleyTerry(reference: "base", bootstrap: Bootstrap(resamples: 200, seed: 1))
            .fit(games, players: players, covariateNames: covariates)
        Self.expectSane(result)
        #expect(result.ratings.contains { $0.system == "base" && $0.coefficient == 0 })
        #expect(result.ratings.contains { $0.system == "x" } == rated, "\(name)")
        #expect(result.covariateCoefficients.count == covariates.count)
        if !rated { #expect(result.note?.isEmpty == false, "\(name) has no reason") }
    }

    @Test("a sweep (all wins, all losses, one game) is rated but flagged as only a bound")
    func bradleyTerrySweepIsFlagged() throws {
        let wins = (0..<30).map { _ in Game(first: "x", second: "base", outcome: 1) }
        let result = BradleyTerry(reference: "base", bootstrap: Bootstrap(resamples: 1)).fit(wins, players: ["base", "x"])
        #expect(try #require(result.ratings.first { $0.system == "x" }).winProbability > 0.99)
        #expect(result.note?.contains("only a bound") == true)
        let ties = (0..<30).map { _ in Game(first: "x", second: "base", outcome: 0.5) }
        #expect(BradleyTerry(reference: "base", bootstrap: Bootstrap(resamples: 1)).fit(ties, players: ["base", "x"]).note == nil)
    }

    @Test("Bradley–Terry over random tournaments gives finite win probabilities in 0…1", arguments: 0..<40)
    func bradleyTerryRandom(_ seed: Int) {
        var random = SeededRandom(seed: UInt64(seed))
        let players = ["base", "a", "b", "c"].prefix(1 + Int(random.next() % 4)).map { $0 }
        let games = (0..<Int(random.next() % 25)).map { _ in
            Game(
                first: players[Int(random.next() % UInt64(players.count))], second: players[Int(random.next() % UInt64(players.count))],
                outcome: [0, 0.5, 1, .nan][Int(random.next() % 4)], covariates: [random.nextUnit() * 2 - 1])
        }
        let result = BradleyTerry(reference: "base", bootstrap: Bootstrap(resamples: 50, seed: UInt64(seed)))
            .fit(games, players: players, covariateNames: random.next() % 2 == 0 ? ["length"] : [])
        Self.expectSane(result)
        for player in players where player != "base" && !result.ratings.contains(where: { $0.system == player }) {
            #expect(result.note != nil, "\(player) is unrated without a reason")
        }
    }

    static func expectSane(_ result: BradleyTerry.Result) {
        for rating in result.ratings {
            #expect(rating.coefficient.isFinite && (0...1).contains(rating.winProbability))
            if let intervals = rating.intervals {
                #expect((0...1).contains(intervals.lower95) && intervals.lower95 <= intervals.upper95 && intervals.upper95 <= 1)
            }
        }
        #expect(result.covariateCoefficients.allSatisfy { $0.isFinite })
        #expect((try? JSONEncoder().encode(result)) != nil)
    }

    @Test("Wilson intervals lie in 0…1 or say why there is none", arguments: [(0, 0), (3, 0), (-1, 5), (6, 5), (0, 1), (1, 1), (0, 7), (7, 7), (50, 100)])
    func wilson(_ successes: Int, _ trials: Int) {
        switch WilsonInterval.estimate(successes: successes, trials: trials) {
        case .success(let interval): #expect(0 <= interval.lower && interval.lower <= interval.upper && interval.upper <= 1)
        case .failure(let missing): #expect(!missing.reason.isEmpty && (trials <= 0 || successes < 0 || successes > trials))
        }
    }

    @Test("bootstrap intervals of a mean are finite and ordered, or say why there are none",
        arguments: [[], [Double.nan], [Double.infinity, -Double.infinity], [1], [1, Double.nan, 0], [0, 0, 0], [1e308, 1e308]] as [[Double]])
    func bootstrap(_ values: [Double]) {
        switch Bootstrap(resamples: 100, seed: 2).meanEstimate(of: values) {
        case .success(let intervals):
            #expect([intervals.lower95, intervals.upper95, intervals.lower90, intervals.upper90].allSatisfy { $0.isFinite })
            #expect(intervals.lower95 <= intervals.lower90 && intervals.upper90 <= intervals.upper95)
        case .failure(let missing): #expect(!missing.reason.isEmpty && values.filter(\.isFinite).isEmpty || values == [1e308, 1e308])
        }
    }

    @Test("McNemar's p-value is in 0…1 for any counts, negative and huge included",
        arguments: [(0, 0), (-3, 2), (1, 0), (0, 24), (12, 13), (500, 600), (5_000_000, 5_000_001), (Int.max / 4, 0)])
    func mcnemar(_ b: Int, _ c: Int) {
        let test = McNemarTest(baselineOnly: b, systemOnly: c)
        #expect(test.pValue.isFinite && (0...1).contains(test.pValue))
        #expect(test.exactPValue.isFinite && (0...1).contains(test.exactPValue))
        #expect((test.note != nil) == (max(0, b) + max(0, c) == 0))
    }

    @Test("McNemar's exact p-value does not underflow for many discordant pairs: b = c = 600 gives about 1")
    func mcnemarLarge() {
        #expect(McNemarTest(baselineOnly: 600, systemOnly: 600).exactPValue > 0.9)
    }

    @Test("Krippendorff's alpha is at most 1 or says why it is undefined", arguments: [
        [[Double?]](), [[1, nil]], [[1, 1], [1, 1]], [[.nan, 1], [.nan, .infinity]], [[0, 1], [1, 0]], [[0, 0.5, 1], [1, 1, nil], [0, 0, 0.5]],
    ])
    func krippendorff(_ units: [[Double?]]) {
        for metric in [KrippendorffAlpha.Metric.nominal, .ordinal, .interval] {
            switch KrippendorffAlpha.estimate(units, metric: metric) {
            case .success(let alpha): #expect(alpha.isFinite && alpha <= 1)
            case .failure(let missing): #expect(!missing.reason.isEmpty)
            }
        }
    }

    @Test("Pearson and Spearman are in −1…1 or say why there is none", arguments: [
        ([Double](), [Double]()), ([1], [2]), ([1, 2, 3], [1, 2]), ([1, 1, 1], [1, 2, 3]), ([.nan, 1, 2], [3, .nan, 4]),
        ([1, 2, 3], [3, 1, 2]), ([1e300, -1e300, 1e300], [1e300, 1e300, -1e300]), ([.nan, .nan, 1, 2], [1, 2, 3, 5]),
    ])
    func correlation(_ x: [Double], _ y: [Double]) {
        for estimate in [Correlation.pearsonEstimate(x, y), Correlation.spearmanEstimate(x, y)] {
            switch estimate {
            case .success(let r): #expect(r.isFinite && (-1...1).contains(r))
            case .failure(let missing): #expect(!missing.reason.isEmpty)
            }
        }
    }

    @Test("the Pareto frontier never places a system with a non-finite or negative cost")
    func paretoNonFinite() {
        let points = [
            ParetoFrontier.Point(system: "nan", cost: .nan, quality: 1), ParetoFrontier.Point(system: "inf", cost: 1, quality: .infinity),
            ParetoFrontier.Point(system: "negative", cost: -1, quality: 1), ParetoFrontier.Point(system: "free", cost: 0, quality: 0.2),
        ]
        #expect(ParetoFrontier.optimal(points) == ["free"])
        #expect(ParetoFrontier.estimate([]).reason != nil)
        #expect(ParetoFrontier.estimate(Array(points.prefix(3))).reason?.contains("finite") == true)
    }

    @Test("distributions and standardized columns ignore non-finite values and ragged rows")
    func distributionsAndColumns() throws {
        #expect(Distribution([.nan, .infinity]) == nil)
        let d = try #require(Distribution([1, .nan, 3]))
        #expect(d.count == 2 && d.median == 2)
        #expect(StyleFeatures.standardized([[1, 2], [3]]) == [[0, 0], [0]])
        #expect(StyleFeatures.standardized([[.nan], [1]]) == [[0], [0]])
    }
}
