import Foundation

/// Bradley–Terry ratings from pairwise games, optionally with style covariates (arena-hard-auto's
/// style control): P(first beats second) = σ(r_first − r_second + γ·covariates).
///
/// The reference system (the baseline) is fixed at rating 0, so each rating reads as the log-odds
/// of beating the baseline, and its win probability against the baseline is σ(r).
public struct BradleyTerry: Sendable {
    /// One game's outcome for `first` (1 win, 0.5 tie, 0 loss), with its covariates (already
    /// differenced: first's feature minus second's).
    public struct Game: Sendable, Hashable {
        public var first: String
        public var second: String
        public var outcome: Double
        public var covariates: [Double]

        public init(first: String, second: String, outcome: Double, covariates: [Double] = []) {
            self.first = first
            self.second = second
            self.outcome = outcome
            self.covariates = covariates
        }
    }

    /// One system's rating.
    public struct Rating: Sendable, Hashable, Codable {
        public var system: String
        /// Log-odds of beating the reference.
        public var coefficient: Double
        /// σ(coefficient): the modelled win probability against the reference (0.5 for the reference).
        public var winProbability: Double
        /// Bootstrap intervals of `winProbability`.
        public var intervals: ConfidenceIntervals?
    }

    /// Every rating, best first, and the covariates' fitted effects.
    public struct Result: Sendable, Hashable, Codable {
        public var reference: String
        public var ratings: [Rating]
        /// `length`, `headers`, … when style-controlled; empty otherwise.
        public var covariateNames: [String]
        /// Effect of one standard deviation of each covariate on the log-odds (median over resamples).
        public var covariateCoefficients: [Double]
    }

    public var reference: String
    public var bootstrap: Bootstrap

    public init(reference: String, bootstrap: Bootstrap = Bootstrap()) {
        self.reference = reference
        self.bootstrap = bootstrap
    }

    /// Fits `games`; `players` fixes the order of the ratings' systems (the reference included).
    public func fit(_ games: [Game], players: [String], covariateNames: [String] = []) -> Result {
        let rated = players.filter { $0 != reference }
        let point = coefficients(games, rated)
        let replicates = bootstrap.resamples > 1 ? resampledCoefficients(games, rated, start: point) : []
        var ratings = rated.enumerated().map { index, system in
            Rating(
                system: system, coefficient: point[index], winProbability: Self.sigmoid(point[index]),
                intervals: ConfidenceIntervals(replicates: replicates.map { Self.sigmoid($0[index]) }))
        }
        ratings.append(Rating(system: reference, coefficient: 0, winProbability: 0.5, intervals: nil))
        ratings.sort { $0.coefficient > $1.coefficient }
        let covariates = covariateNames.indices.map { index in
            let values = replicates.map { $0[rated.count + index] }.sorted()
            return values.isEmpty ? point[rated.count + index] : Quantile.linear(values, 0.5)
        }
        return Result(reference: reference, ratings: ratings, covariateNames: covariateNames, covariateCoefficients: covariates)
    }

    func model(_ games: [Game], _ rated: [String]) -> LogisticFit {
        let index = Dictionary(uniqueKeysWithValues: rated.enumerated().map { ($1, $0) })
        let rows = games.map { game -> [Double] in
            var row = [Double](repeating: 0, count: rated.count)
            if let first = index[game.first] { row[first] += 1 }
            if let second = index[game.second] { row[second] -= 1 }
            return row + game.covariates
        }
        return LogisticFit(dense: rows, outcomes: games.map(\.outcome))
    }

    func coefficients(_ games: [Game], _ rated: [String]) -> [Double] { model(games, rated).fit() }

    /// One fit per resample of the games, each started from the full data's fit.
    func resampledCoefficients(_ games: [Game], _ rated: [String], start: [Double]) -> [[Double]] {
        let fit = model(games, rated)
        var results: [[Double]] = []
        bootstrap.forEachResample(count: games.count) { draws in results.append(fit.fit(weights: draws, start: start)) }
        return results
    }

    static func sigmoid(_ x: Double) -> Double { 1 / (1 + exp(-x)) }
}
