import Foundation
import QuorumCore
import QuorumStore

/// Everything `quorum compare` and `quorum report` show about one run: per-system quality with
/// intervals, pairwise results against the baseline, ratings, judge bias, cost and the frontier.
/// The terminal tables, `--json` and the HTML report are all printed from this one value.
public struct RunComparison: Sendable, Hashable, Codable {
    public var runID: String
    public var name: String
    public var dataset: String
    public var status: RunStatus
    public var baseline: String
    /// How the run itself was scored (`accuracy` for verifiers, `mean_score` for judges), when it was.
    public var measure: QualityMeasure?
    /// The pairwise judge whose verdicts are summarized, and its model.
    public var judge: String?
    public var judgeModel: String?
    public var systems: [SystemComparison]
    /// Bradley–Terry ratings from the pairwise games (baseline fixed at 0).
    public var ratings: BradleyTerry.Result?
    /// The same ratings with length and markdown density as covariates.
    public var styleControlledRatings: BradleyTerry.Result?
    public var judgeBias: JudgeBias?
    /// Pareto-optimal systems on (system cost per item, quality), cheapest first.
    public var frontier: [String]
    /// Why the frontier is empty (no system with a finite cost and a quality), when it is.
    public var frontierNote: String?
    /// What the frontier's quality axis is: `accuracy`, `arena_score` or `mean_score`.
    public var qualityAxis: String?
    /// The reference model whose list price re-prices every answer's tokens, when asked for.
    public var referenceModel: String?
    /// One sentence: the best system, its quality against the baseline with its interval, its cost.
    public var headline: String
    /// Things a reader must know: self-preference, unjudged pairs, small samples.
    public var warnings: [String]
    public var bootstrapResamples: Int
    public var bootstrapSeed: UInt64
    /// One row per dataset item, every system's result side by side.
    public var items: [ItemComparison]
    /// Calibration curves of the run's confidence-gated cascades (`quorum calibrate`), when made.
    public var calibrations: [SystemCalibration] = []

    public func system(_ name: String) -> SystemComparison? { systems.first { $0.system == name } }
}

/// One system's line: quality, pairwise record against the baseline, cost, latency and levels.
public struct SystemComparison: Sendable, Hashable, Codable {
    public var system: String
    public var isBaseline: Bool
    public var items: Int
    public var answered: Int
    public var failed: Int
    public var pending: Int
    /// Share of scored items passed (verifiable runs), with its 95% Wilson interval.
    public var accuracy: Double?
    public var accuracyInterval: WilsonInterval?
    /// Mean 0…1 score (judge-scored runs).
    public var meanScore: Double?
    /// Accuracy minus the baseline's on items both answered, with McNemar's test.
    public var pairedDifference: PairedDifference?
    /// Wins, ties, losses and the Arena-Hard score against the baseline.
    public var pairwise: PairwiseRecord?
    public var cost: CostBreakdown
    /// Seconds per answered item.
    public var latency: Distribution?
    /// Answer length in words.
    public var answerLength: Distribution?
    /// Where answers stopped, level by level, with the accuracy of the answers from each level.
    public var funnel: [LevelStep]
    public var isParetoOptimal: Bool
    /// How the system's gate decided, level answers re-checked with the run's verifier (cascades
    /// in verifier-scored runs).
    public var gate: GateReview? = nil
}

/// A paired accuracy difference to the baseline.
public struct PairedDifference: Sendable, Hashable, Codable {
    /// Items both systems have a pass/fail for.
    public var pairs: Int
    /// System accuracy minus baseline accuracy on those items.
    public var difference: Double
    /// 95% interval of the difference (Wald, for paired proportions).
    public var lower: Double
    public var upper: Double
    public var mcnemar: McNemarTest
}

/// A system's pairwise record against the baseline.
public struct PairwiseRecord: Sendable, Hashable, Codable {
    /// Items with both games readable.
    public var judged: Int
    public var wins: Int
    public var ties: Int
    public var losses: Int
    public var winInterval: WilsonInterval?
    public var tieInterval: WilsonInterval?
    public var lossInterval: WilsonInterval?
    /// Arena-Hard score: mean over outcomes (strong verdicts count three times); 0.5 means "as good as the baseline".
    public var score: Double?
    public var scoreIntervals: ConfidenceIntervals?
    /// Share of judged items whose two games favour different answers.
    public var inconsistentShare: Double?
    /// Cost of the judge calls for this system's games.
    public var judgeCost: USD
    /// Why there are no rates or score (no pair with two readable games), when there are none.
    public var note: String?

    public var winRate: Double? { judged == 0 ? nil : Double(wins) / Double(judged) }
    public var tieRate: Double? { judged == 0 ? nil : Double(ties) / Double(judged) }
    public var lossRate: Double? { judged == 0 ? nil : Double(losses) / Double(judged) }
}

/// What a system cost, split the way the question "what do I pay to serve it?" needs.
public struct CostBreakdown: Sendable, Hashable, Codable {
    /// Calls that produced answers.
    public var answer: USD
    /// Judge calls the system itself made (cascade gates, debate judges): part of serving it.
    public var inSystemJudge: USD
    /// Calls made only to evaluate it (the run's scoring judge and the pairwise judge).
    public var evaluation: USD
    /// `answer + inSystemJudge` per answered item.
    public var perItem: USD?
    /// System cost divided by the baseline's; `nil` for the baseline itself.
    public var relativeToBaseline: Double?
    /// The answer calls' tokens priced at the reference model's list price.
    public var atReferencePrice: USD?

    /// What serving the system cost: answers and its own judging.
    public var system: USD { answer + inSystemJudge }
}

/// Five-number summary and mean of a sample.
public struct Distribution: Sendable, Hashable, Codable {
    public var count: Int
    public var min: Double
    public var p25: Double
    public var median: Double
    public var p75: Double
    public var max: Double
    public var mean: Double

    /// The summary of the finite `values`; `nil` when there are none.
    public init?(_ values: [Double]) {
        let sorted = values.finite.sorted()
        guard let first = sorted.first, let last = sorted.last else { return nil }
        count = sorted.count
        min = first
        max = last
        p25 = Quantile.linear(sorted, 0.25)
        median = Quantile.linear(sorted, 0.5)
        p75 = Quantile.linear(sorted, 0.75)
        mean = sorted.reduce(0, +) / Double(sorted.count)
    }
}

/// One level of a system's escalation funnel.
public struct LevelStep: Sendable, Hashable, Codable {
    public var level: Int
    /// Answered items whose final answer came from this level.
    public var items: Int
    public var share: Double
    /// Accuracy of those answers (verifiable runs), with its Wilson interval.
    public var accuracy: Double?
    public var accuracyInterval: WilsonInterval?
}

/// How the pairwise judge behaves, whatever the systems: the biases a reader should discount.
public struct JudgeBias: Sendable, Hashable, Codable {
    /// Decided pairs (a win or a loss) whose answers differ in length.
    public var lengthDecided: Int
    /// Share of those won by the longer answer (0.5 = no length preference).
    public var longerAnswerWinRate: Double?
    /// Pairs with both games readable.
    public var pairs: Int
    /// Share of those where the verdict changed with the positions (win ↔ tie ↔ loss).
    public var positionFlipRate: Double?
    /// Share of decisive games won by whichever answer was shown first (0.5 = no position preference).
    public var firstPositionWinRate: Double?
    /// Systems that use the judge's own model (self-preference risk).
    public var selfPreference: [String]
}

/// One dataset item across systems.
public struct ItemComparison: Sendable, Hashable, Codable {
    public var itemID: String
    public var prompt: String
    public var reference: String?
    public var results: [ItemResult]
}

/// One system's result for one item, as the per-item table shows it.
public struct ItemResult: Sendable, Hashable, Codable {
    public var system: String
    public var status: ItemStatus
    public var answer: String?
    public var passed: Bool?
    public var score: Double?
    public var level: Int?
    /// Answer plus in-system judge cost.
    public var cost: USD
    public var latency: Double?
    /// `win`, `tie` or `loss` against the baseline (pairwise), when judged.
    public var outcome: String?
    /// Both games' labels from this system's side, e.g. `A>B / A=B`.
    public var labels: String?
}
