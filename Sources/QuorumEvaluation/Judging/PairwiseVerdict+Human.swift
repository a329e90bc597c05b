import Foundation
import QuorumOrchestration
import QuorumStore

extension PairwiseVerdict {
    /// People's A/B verdicts are stored under `human:NAME`, so a person never shares a judge name
    /// with a configured LLM judge and the comparison never picks a person's games by default.
    public static let humanJudgePrefix = "human:"

    /// Whether a person gave this verdict (in `quorum view`), not an LLM judge.
    public var isHuman: Bool { judge.hasPrefix(Self.humanJudgePrefix) }

    /// A person's verdict on one item: `system`'s answer against `baseline`'s, shown in `order`
    /// with the positions hidden, `label` read from the side shown first (as an LLM judge's is).
    /// One game per item, not two: the position was drawn at random, so it cannot bias a person
    /// systematically, and asking twice would show the same two answers again.
    public static func human(
        _ name: String, runID: String, system: String, baseline: String, itemID: String, order: PairwiseOrder,
        label: PairwiseJudge.Label, at date: Date
    ) -> PairwiseVerdict {
        // The label travels as the text a judge would write, so `label` reads back exactly.
        let call = CallRecord(key: "human.pairwise", model: "human", role: .judge, messages: [], response: "[[\(label.rawValue)]]")
        return PairwiseVerdict(
            runID: runID, system: system, itemID: itemID, baseline: baseline, judge: humanJudgePrefix + name, order: order,
            call: call, createdAt: date)
    }
}
