import Foundation

extension ConfigValidator {
    /// A confidence gate reads the answering call's token logprobs: every level it reads must be a
    /// model whose provider gives them. Each level comes with its location; `gated` is what the advice names.
    mutating func checkLogprobs(of levels: [(location: String, level: SystemLevel)], gated: String) {
        for (location, level) in levels {
            guard case .model(let name) = level, let model = config.models.first(where: { $0.name == name }),
                ConfigVocabulary.providersWithoutLogprobs.contains(model.provider)
            else { continue }
            error(
                location,
                "'\(name)' uses provider \(model.provider), which gives no token logprobs, so a confidence gate"
                    + " cannot read it; gate \(gated) with judge:, verifier: or agreement: instead")
        }
    }

    /// `confidence:` names a known signal, a quantile in (0, 1), and a threshold on the signal's scale.
    private mutating func check(_ confidence: ConfidenceGateConfig, at path: String) {
        checkWord(confidence.signal, in: ConfidenceGateConfig.signals, at: "\(path).signal", what: "confidence signal")
        if confidence.signal == "quantile", !(confidence.q.map { $0 > 0 && $0 < 1 } ?? false) {
            error("\(path).q", "a quantile signal needs q between 0 and 1 (0.1: the least confident tenth)")
        }
        if confidence.signal == "margin", confidence.threshold < 0 {
            error("\(path).threshold", "a margin is never negative, found \(confidence.threshold)")
        } else if confidence.signal != "margin", confidence.threshold > 0 {
            error(
                "\(path).threshold",
                "a \(confidence.signal) signal is never positive (logprobs and minus an entropy are ≤ 0); use a threshold ≤ 0, found \(confidence.threshold)")
        }
    }

    mutating func check(_ gate: GateConfig, at path: String) {
        let kinds = [
            gate.judge != nil, gate.verifier != nil, gate.agreement != nil, gate.confidence != nil, gate.all != nil,
            gate.any != nil,
        ]
        if kinds.filter({ $0 }).count != 1 {
            error(path, "a gate needs exactly one of judge:, verifier:, agreement:, confidence:, all:, any:")
        }
        checkReference(gate.judge, among: judgeNames, at: "\(path).judge", what: "judge")
        checkJudgeKind(gate.judge, in: JudgeKind.scoring, at: "\(path).judge", for: "a gate")
        if gate.verifier != nil { checkVerifier(gate.verifier, pattern: gate.pattern, schema: gate.schema, at: path) }
        if let agreement = gate.agreement, agreement.min > agreement.samples || agreement.min < 1 {
            error("\(path).agreement.min", "must be between 1 and samples (\(agreement.samples)), found \(agreement.min)")
        }
        if let confidence = gate.confidence { check(confidence, at: "\(path).confidence") }
        for (key, parts) in [("all", gate.all), ("any", gate.any)] where parts?.isEmpty == true {
            error("\(path).\(key)", "an empty combination of gates: list at least one")
        }
        for (index, inner) in (gate.all ?? []).enumerated() { check(inner, at: "\(path).all[\(index)]") }
        for (index, inner) in (gate.any ?? []).enumerated() { check(inner, at: "\(path).any[\(index)]") }
    }
}
