import Foundation
import QuorumCore

extension RunComparison {
    /// The ensemble types whose answer is meant to beat each model it combines (Together MoA's issue
    /// #41: a mixture can end below its best member, paying several calls for less).
    static let ensembleTypes: Set<String> = ["moa", "self-consistency", "best-of-n"]

    /// One warning per ensemble that scored below a member run beside it: a `single` system of one of
    /// its models, or one of its member systems, in the same run.
    static func ensembleWarnings(_ systems: [SystemComparison], config: QuorumConfig?) -> [String] {
        guard let config else { return [] }
        let entries = Dictionary(config.systems.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        let byName = Dictionary(systems.map { ($0.system, $0) }, uniquingKeysWith: { first, _ in first })
        return systems.compactMap { ensemble in
            guard let entry = entries[ensemble.system], ensembleTypes.contains(entry.type), let accuracy = ensemble.accuracy else {
                return nil
            }
            let members = Set(memberNames(of: entry))
            let beside = systems.filter { other in
                other.system != ensemble.system
                    && (members.contains(other.system) || entries[other.system].map { $0.type == "single" && members.contains($0.model ?? "") } == true)
            }
            guard let best = beside.filter({ ($0.accuracy ?? 0) > accuracy }).max(by: { ($0.accuracy ?? 0) < ($1.accuracy ?? 0) }),
                let bestAccuracy = byName[best.system]?.accuracy
            else { return nil }
            return "\(ensemble.system) (\(entry.type), \(percent(accuracy))) scored below its member \(best.system) (\(percent(bestAccuracy))) "
                + "run beside it, at more calls: " + (reasons[entry.type] ?? "")
        }
    }

    /// What usually makes each kind lose to a member, and what measured better here.
    static let reasons = [
        "moa": "the weaker proposers' references mislead the aggregator; gating them on their own confidence (gate: {confidence: …}) or references from the strongest model only (Self-MoA) may help",
        "self-consistency": "the hot samples outvote the model's own answer; a gate that keeps a confident first answer (gate: {confidence: …}), more samples or a lower temperature may help",
        "best-of-n": "the judge picks worse samples than the best model's answer; a stronger judge or a verifier may help",
    ]

    /// The models or systems an ensemble combines.
    static func memberNames(of entry: SystemConfig) -> [String] {
        (entry.layers ?? []).flatMap { $0 } + [entry.aggregator, entry.model].compactMap { $0 } + (entry.models ?? [])
    }
}
