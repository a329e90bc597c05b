import QuorumOrchestration

/// Arena-Hard's scoring of one system against the baseline, as arena-hard-auto's `show_result.py`
/// does it: every game becomes one outcome (three for a strong verdict), and the score is the mean.
public enum ArenaScore {
    /// How many outcomes a strong verdict (`A>>B`) counts as.
    public static let strongWeight = 3

    /// The outcomes of one item for the system, from both games; `nil` when either game has no
    /// readable label (arena-hard-auto drops such items).
    ///
    /// - `systemFirst`: the label of the game with the system in position A.
    /// - `baselineFirst`: the label of the game with the baseline in position A; its outcomes are
    ///   inverted (1 − s), since they score the baseline.
    public static func outcomes(
        systemFirst: PairwiseJudge.Label?, baselineFirst: PairwiseJudge.Label?
    ) -> [Double]? {
        guard let systemFirst, let baselineFirst else { return nil }
        return scores(systemFirst) + scores(baselineFirst).map { 1 - $0 }
    }

    /// The outcomes a label gives the answer in position A.
    static func scores(_ label: PairwiseJudge.Label) -> [Double] {
        switch label {
        case .muchBetterA: Array(repeating: 1, count: strongWeight)
        case .betterA: [1]
        case .tie: [0.5]
        case .betterB: [0]
        case .muchBetterB: Array(repeating: 0, count: strongWeight)
        }
    }

    /// The mean of all outcomes, or `nil` when there are none.
    public static func score(_ outcomes: [Double]) -> Double? {
        outcomes.isEmpty ? nil : outcomes.reduce(0, +) / Double(outcomes.count)
    }
}
