import QuorumCore
import QuorumOrchestration
import QuorumStore

/// The stored games of one judge against one baseline, paired up per (system, item).
struct PairwiseGames {
    /// Both games of one item for one system, with the two answers.
    struct Pair {
        var system: String
        var itemID: String
        var systemFirst: PairwiseVerdict?
        var baselineFirst: PairwiseVerdict?
        var systemAnswer: String
        var baselineAnswer: String

        /// Both games' preferences from the system's side (+2 … −2), when both are readable.
        var preferences: (Int, Int)? {
            guard let first = systemFirst?.labelForSystem, let second = baselineFirst?.labelForSystem else { return nil }
            return (first.preference, second.preference)
        }

        /// `win`, `tie` or `loss` for the system: the sign of the summed preference.
        var outcome: String? {
            guard let (first, second) = preferences else { return nil }
            let total = first + second
            return total > 0 ? "win" : total < 0 ? "loss" : "tie"
        }

        var isInconsistent: Bool {
            guard let (first, second) = preferences else { return false }
            return (first > 0 && second < 0) || (first < 0 && second > 0)
        }

        /// Both labels from the system's side, as shown in the item table.
        var shownLabels: String? {
            guard systemFirst != nil || baselineFirst != nil else { return nil }
            return [systemFirst, baselineFirst].map { $0?.labelForSystem?.rawValue ?? "?" }.joined(separator: " / ")
        }

        var arenaOutcomes: [Double]? {
            ArenaScore.outcomes(systemFirst: systemFirst?.label, baselineFirst: baselineFirst?.label)
        }

        var cost: USD { (systemFirst?.call.cost ?? .zero) + (baselineFirst?.call.cost ?? .zero) }
    }

    let baseline: String
    private(set) var pairs: [Pair] = []
    private var index: [String: Int] = [:]

    init(verdicts: [PairwiseVerdict], items: [ItemRecord], baseline: String) {
        self.baseline = baseline
        let answers = Dictionary(items.map { ("\($0.system)\u{1F}\($0.itemID)", $0.answer ?? "") }, uniquingKeysWith: { a, _ in a })
        for verdict in verdicts {
            let key = "\(verdict.system)\u{1F}\(verdict.itemID)"
            if index[key] == nil {
                index[key] = pairs.count
                pairs.append(Pair(
                    system: verdict.system, itemID: verdict.itemID, systemAnswer: answers[key] ?? "",
                    baselineAnswer: answers["\(baseline)\u{1F}\(verdict.itemID)"] ?? ""))
            }
            guard let position = index[key] else { continue }
            switch verdict.order {
            case .systemFirst: pairs[position].systemFirst = verdict
            case .baselineFirst: pairs[position].baselineFirst = verdict
            }
        }
    }

    var isEmpty: Bool { pairs.isEmpty }

    /// Pairs with both games readable.
    var judgedPairs: Int { pairs.count { $0.preferences != nil } }

    func pair(system: String, item: String) -> Pair? {
        index["\(system)\u{1F}\(item)"].map { pairs[$0] }
    }

    func cost(for system: String) -> USD { pairs.filter { $0.system == system }.map(\.cost).sum() }

    /// Wins, ties, losses, Arena-Hard score with bootstrap intervals, and inconsistency for `system`.
    func record(for system: String, bootstrap: Bootstrap) -> PairwiseRecord? {
        let mine = pairs.filter { $0.system == system }
        guard !mine.isEmpty else { return nil }
        let judged = mine.filter { $0.preferences != nil }
        let wins = judged.count { $0.outcome == "win" }
        let ties = judged.count { $0.outcome == "tie" }
        let losses = judged.count { $0.outcome == "loss" }
        let outcomes = mine.compactMap(\.arenaOutcomes).flatMap { $0 }
        return PairwiseRecord(
            judged: judged.count, wins: wins, ties: ties, losses: losses,
            winInterval: WilsonInterval(successes: wins, trials: judged.count),
            tieInterval: WilsonInterval(successes: ties, trials: judged.count),
            lossInterval: WilsonInterval(successes: losses, trials: judged.count),
            score: ArenaScore.score(outcomes), scoreIntervals: bootstrap.meanIntervals(of: outcomes),
            inconsistentShare: judged.isEmpty ? nil : Double(judged.count { $0.isInconsistent }) / Double(judged.count),
            judgeCost: cost(for: system),
            note: judged.isEmpty ? Self.noReadablePairs(mine) : nil)
    }

    /// Why a system's record has no rates or score.
    static func noReadablePairs(_ pairs: [Pair]) -> String {
        let unreadable = pairs.flatMap { [$0.systemFirst, $0.baselineFirst] }.count { $0 != nil && $0?.label == nil }
        return "not enough readable verdicts: none of \(pairs.count) pair(s) has two readable games"
            + (unreadable > 0 ? " (\(unreadable) verdict(s) could not be read)" : "")
    }

    /// Bradley–Terry ratings over every outcome (as arena-hard-auto's battles), optionally style-controlled.
    func ratings(players: [String], style: Bool, bootstrap: Bootstrap) -> BradleyTerry.Result {
        var games: [BradleyTerry.Game] = []
        var covariates: [[Double]] = []
        for pair in pairs {
            guard let outcomes = pair.arenaOutcomes else { continue }
            let difference = StyleFeatures(of: pair.systemAnswer).difference(from: StyleFeatures(of: pair.baselineAnswer))
            for outcome in outcomes {
                games.append(BradleyTerry.Game(first: pair.system, second: baseline, outcome: outcome))
                covariates.append(difference)
            }
        }
        if style {
            for (index, row) in StyleFeatures.standardized(covariates).enumerated() { games[index].covariates = row }
        }
        var result = BradleyTerry(reference: baseline, bootstrap: bootstrap)
            .fit(games, players: players, covariateNames: style ? StyleFeatures.covariateNames : [])
        if games.isEmpty, players.contains(where: { $0 != baseline }) {
            result.note = Self.noReadablePairs(pairs)
        }
        return result
    }

    /// The judge's length and position preferences over every pair.
    func bias(selfPreference: [String]) -> JudgeBias {
        let judged = pairs.filter { $0.preferences != nil }
        var lengthDecided = 0, longerWon = 0
        for pair in judged where pair.outcome != "tie" && pair.systemAnswer.count != pair.baselineAnswer.count {
            lengthDecided += 1
            if (pair.systemAnswer.count > pair.baselineAnswer.count) == (pair.outcome == "win") { longerWon += 1 }
        }
        let flips = judged.count { pair in
            guard let (first, second) = pair.preferences else { return false }
            return first.signum() != second.signum()
        }
        let decisive = pairs.flatMap { [$0.systemFirst?.label, $0.baselineFirst?.label] }.compactMap { $0 }
            .filter { $0.preference != 0 }
        return JudgeBias(
            lengthDecided: lengthDecided,
            longerAnswerWinRate: lengthDecided == 0 ? nil : Double(longerWon) / Double(lengthDecided),
            pairs: judged.count, positionFlipRate: judged.isEmpty ? nil : Double(flips) / Double(judged.count),
            firstPositionWinRate: decisive.isEmpty ? nil : Double(decisive.count { $0.preference > 0 }) / Double(decisive.count),
            selfPreference: selfPreference)
    }
}
