import Foundation
import QuorumCore
import QuorumOrchestration
import QuorumStore

extension CostBreakdown {
    /// Splits what `items` (one system's) cost: answers, the system's own judging, and evaluation
    /// (the run's scoring calls, under the `score/` key prefix, plus `pairwiseCost`).
    init(items: [ItemRecord], pairwiseCost: USD, referencePrice: ReferencePrice?) {
        var answer = USD.zero
        var inSystem = USD.zero
        var evaluation = pairwiseCost
        var repriced = USD.zero
        for item in items {
            guard let trace = item.trace else {
                answer += item.answerCost
                evaluation += item.judgeCost
                continue
            }
            for call in trace.calls {
                if call.key.hasPrefix("score/") {
                    evaluation += call.cost
                    continue
                }
                if call.role == .answer { answer += call.cost } else { inSystem += call.cost }
                if let referencePrice { repriced += referencePrice.price.cost(of: call.usage) }
            }
        }
        let answered = items.count { $0.status == .answered }
        self.init(
            answer: answer, inSystemJudge: inSystem, evaluation: evaluation,
            perItem: answered == 0 ? nil : USD((answer + inSystem).amount / Decimal(answered)),
            relativeToBaseline: nil, atReferencePrice: referencePrice == nil ? nil : repriced)
    }
}
