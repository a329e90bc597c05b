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
        /// Why some or all systems have no rating (no readable games, one game, all wins…), when so.
        public var note: String?

        /// Whether any system other than the reference got a rating.
        public var hasRatings: Bool { ratings.contains { $0.system != reference } }
    }

    public var reference: String
    public var bootstrap: Bootstrap

    public init(reference: String, bootstrap: Bootstrap = Bootstrap()) {
        self.reference = reference
        self.bootstrap = bootstrap
    }

    /// Fits `games`; `players` fixes the order of the ratings' systems (the reference included).
    ///
    /// Only the first `covariateNames.count` covariates of each game are used. Never traps and never
    /// returns a non-finite rating: games with a non-finite or out-of-range outcome, or fewer finite
    /// covariates than names, are left out; systems without a game are left unrated; and `note`
    /// says why whenever something is missing or is only a bound.
    public func fit(_ games: [Game], players: [String], covariateNames: [String] = []) -> Result {
        let usable = Self.usable(games, covariates: covariateNames.count)
        let played = Set(usable.flatMap { [$0.first, $0.second] })
        let rated = players.filter { $0 != reference && played.contains($0) }
        guard !rated.isEmpty else {
            let note = Self.emptyNote(games: games.count, others: players.count { $0 != reference })
            return referenceOnly(covariateNames, note: note)
        }
        let width = rated.count + covariateNames.count
        let point = coefficients(usable, rated, width: width)
        guard point.count == width, point.allSatisfy(\.isFinite) else {
            return referenceOnly(covariateNames, note: "not enough readable verdicts: the fit over \(usable.count) games did not converge")
        }
        let replicates = bootstrap.resamples > 1
            ? resampledCoefficients(usable, rated, width: width, start: point).filter { $0.count == width && $0.allSatisfy(\.isFinite) }
            : []
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
        let unrated = players.filter { $0 != reference && !played.contains($0) }
        return Result(
            reference: reference, ratings: ratings, covariateNames: covariateNames, covariateCoefficients: covariates,
            note: Self.partialNote(usable, rated: rated, unrated: unrated, dropped: games.count - usable.count))
    }

    /// The games a fit can use, each with exactly `covariates` covariates.
    static func usable(_ games: [Game], covariates: Int) -> [Game] {
        games.compactMap { game in
            guard game.outcome.isFinite, (0...1).contains(game.outcome), game.first != game.second,
                game.covariates.count >= covariates, game.covariates.prefix(covariates).allSatisfy(\.isFinite)
            else { return nil }
            var game = game
            game.covariates = Array(game.covariates.prefix(covariates))
            return game
        }
    }

    /// The result with the reference alone, and why.
    func referenceOnly(_ covariateNames: [String], note: String) -> Result {
        Result(
            reference: reference, ratings: [Rating(system: reference, coefficient: 0, winProbability: 0.5, intervals: nil)],
            covariateNames: covariateNames, covariateCoefficients: covariateNames.map { _ in 0 }, note: note)
    }

    /// Why nobody is rated.
    static func emptyNote(games: Int, others: Int) -> String {
        if others == 0 { return "only one system: there is nothing to rate against the reference" }
        if games == 0 { return "not enough readable verdicts: no game has a readable verdict" }
        return "not enough readable verdicts: none of the \(games) games has a usable outcome"
    }

    /// What a reader must know about ratings that exist: unrated systems, bounds, left-out games.
    static func partialNote(_ games: [Game], rated: [String], unrated: [String], dropped: Int) -> String? {
        var notes: [String] = []
        if !unrated.isEmpty { notes.append("not rated, no readable verdicts: \(unrated.joined(separator: ", "))") }
        let sweeps = rated.filter { system in
            let outcomes = games.compactMap { $0.first == system ? $0.outcome : $0.second == system ? 1 - $0.outcome : nil }
            return outcomes.count < 2 || outcomes.allSatisfy { $0 == 1 } || outcomes.allSatisfy { $0 == 0 }
        }
        if !sweeps.isEmpty {
            notes.append("\(sweeps.joined(separator: ", ")): one game or all won or all lost, so the rating is only a bound")
        }
        if dropped > 0 { notes.append("\(dropped) games without a usable outcome left out") }
        return notes.isEmpty ? nil : notes.joined(separator: "; ")
    }

    func model(_ games: [Game], _ rated: [String], width: Int) -> LogisticFit {
        let index = Dictionary(uniqueKeysWithValues: rated.enumerated().map { ($1, $0) })
        let rows = games.map { game -> [Double] in
            var row = [Double](repeating: 0, count: rated.count)
            if let first = index[game.first] { row[first] += 1 }
            if let second = index[game.second] { row[second] -= 1 }
            return row + game.covariates
        }
        return LogisticFit(dense: rows, outcomes: games.map(\.outcome), width: width)
    }

    func coefficients(_ games: [Game], _ rated: [String], width: Int) -> [Double] { model(games, rated, width: width).fit() }

    /// One fit per resample of the games, each started from the full data's fit.
    func resampledCoefficients(_ games: [Game], _ rated: [String], width: Int, start: [Double]) -> [[Double]] {
        let fit = model(games, rated, width: width)
        var results: [[Double]] = []
        bootstrap.forEachResample(count: games.count) { draws in results.append(fit.fit(weights: draws, start: start)) }
        return results
    }

    static func sigmoid(_ x: Double) -> Double { 1 / (1 + exp(-x)) }
}
