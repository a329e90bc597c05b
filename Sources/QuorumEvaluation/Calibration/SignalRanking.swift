import QuorumOrchestration
import QuorumStore

/// How well one confidence signal tells a cheaper level's right answers from its wrong ones on the
/// observed items: the cascade's APGR when that signal gates it (0.5 is a coin, 1 a signal that
/// escalates every wrong answer first). Every signal is read from the same stored logprobs, so the
/// comparison costs no call.
public struct SignalRanking: Sendable, Hashable, Codable {
    /// `mean`, `q0.1`, `entropy`, …
    public var signal: String
    public var averageGapRecovered: Double?
    /// On the test split, when one was observed.
    public var testAverageGapRecovered: Double?
}

extension CalibrationPlan {
    /// Every signal's ranking of a confidence cascade's levels on `records` (and `test`), best on the
    /// calibration items first; empty for a router, whose signal is its own prediction.
    public func signalRankings(records: [ItemRecord], test: [ItemRecord]?) -> [SignalRanking] {
        guard case .confidence(let current) = signal else { return [] }
        return ConfidenceRule.Signal.allCases.map { candidate in
            var plan = self
            plan.signal = .confidence(ConfidenceRule(signal: candidate, q: current.q, threshold: current.threshold))
            let apgr = { (records: [ItemRecord]) in
                LadderCurve(policy: .cascade, items: plan.ladder(from: records).items).averageGapRecovered
            }
            return SignalRanking(
                signal: plan.rule?.name ?? candidate.rawValue, averageGapRecovered: apgr(records),
                testAverageGapRecovered: test.flatMap(apgr))
        }
        .sorted { ($0.averageGapRecovered ?? -1) > ($1.averageGapRecovered ?? -1) }
    }
}
