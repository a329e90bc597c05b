import QuorumCore

extension Gate {
    /// Decides about `input.answer`; model calls are keyed under `gate/…` in `context`.
    public func evaluate(_ input: GateInput, in context: RunContext) async throws -> GateOutcome {
        try await evaluate(input, in: context.scoped("gate"), path: "")
    }

    func evaluate(_ input: GateInput, in context: RunContext, path: String) async throws -> GateOutcome {
        switch self {
        case .judge, .verifier:
            let judge: any Judge = switch self {
            case .judge(let judge): judge
            case .verifier(let verifier): verifier
            default: preconditionFailure("unreachable")
            }
            let verdict = try await judge.verdict(on: input.answer, to: input.question, in: context.scoped(path + "judge"))
            let reason = describe(verdict.record)
            return outcome(
                passed: verdict.passed, score: verdict.score, feedback: verdict.record.feedback, reason: reason,
                children: [verdict.node()])
        case .agreement(let samples, let minimum, let extractor, let temperature):
            return try await agreement(
                input, samples: samples, minimum: minimum, extractor: extractor, temperature: temperature,
                in: context.scoped(path + "agreement"))
        case .confidence(let rule):
            return confidence(input, rule)
        case .all(let gates), .any(let gates):
            let needsAll = if case .all = self { true } else { false }
            var children: [TraceNode] = []
            var feedback: [String] = []
            var scores: [Double] = []
            var replacement: String?
            var current = input
            for (index, gate) in gates.enumerated() {
                let result = try await gate.evaluate(current, in: context, path: path + "\(index + 1).")
                children.append(result.node)
                if let score = result.score { scores.append(score) }
                if let text = result.feedback, !result.passed { feedback.append(text) }
                if let text = result.replacement {
                    replacement = text
                    current.answer = text
                }
                if result.passed != needsAll {
                    return outcome(
                        passed: result.passed, score: scores.min(), feedback: feedback.joined(separator: "\n"),
                        reason: "\(gate.name) \(result.passed ? "passed" : "failed")", children: children,
                        replacement: replacement)
                }
            }
            return outcome(
                passed: needsAll, score: scores.min(), feedback: feedback.isEmpty ? nil : feedback.joined(separator: "\n"),
                reason: needsAll ? "every gate passed" : "no gate passed", children: children, replacement: replacement)
        }
    }

    func agreement(
        _ input: GateInput, samples: Int, minimum: Int, extractor: AnswerExtractor, temperature: Double,
        in context: RunContext
    ) async throws -> GateOutcome {
        let extra = max(0, samples - 1)
        let responses = try await (0..<extra).concurrentMap { index in
            try await input.responder.respond(
                to: input.question, messages: input.messages, key: "sample-\(index + 2)", in: context,
                parameters: GenerationParameters(temperature: temperature, seed: index + 2))
        }
        let texts = [input.answer] + responses.map(\.text)
        let tally = Vote(texts: texts, extractor: extractor)
        let passed = tally.topCount >= minimum
        let score = Double(tally.topCount) / Double(texts.count)
        let reason = "\(tally.topCount) of \(texts.count) agree on '\(tally.winner ?? "nothing")' (need \(minimum))"
        let feedback = passed ? nil : "The samples disagreed: \(tally.summary)."
        return outcome(
            passed: passed, score: score, feedback: feedback, reason: reason,
            children: responses.map(\.node), replacement: passed ? tally.winningText : nil)
    }

    /// Passes when the rule's signal reaches its threshold. An answer without logprobs (the provider
    /// gave none) fails, so the cascade escalates rather than trust an answer it cannot read.
    func confidence(_ input: GateInput, _ rule: ConfidenceRule) -> GateOutcome {
        guard let value = input.logprobs.flatMap(rule.value(of:)) else {
            return outcome(
                passed: false, score: nil, feedback: nil,
                reason: "\(name): no token logprobs came with the answer", children: [])
        }
        let passed = value >= rule.threshold
        let comparison = passed ? "≥" : "<"
        return outcome(
            passed: passed, score: value, feedback: nil,
            reason: "\(name): \(Gate.twoDecimals(value)) \(comparison) \(Gate.twoDecimals(rule.threshold))", children: [])
    }

    func outcome(
        passed: Bool, score: Double?, feedback: String?, reason: String, children: [TraceNode],
        replacement: String? = nil
    ) -> GateOutcome {
        let record = VerdictRecord(judge: name, score: score, passed: passed, feedback: feedback)
        let node = TraceNode(kind: .verdict, label: "gate", verdict: record, note: reason, children: children)
        return GateOutcome(passed: passed, score: score, feedback: feedback, replacement: replacement, node: node)
    }

    func describe(_ record: VerdictRecord) -> String {
        if let error = record.parseError { return "unreadable verdict: \(error)" }
        var parts: [String] = []
        if let score = record.score { parts.append("score \(Gate.twoDecimals(score))") }
        if let label = record.label { parts.append(label) }
        return "\(name): " + (parts.isEmpty ? (record.passed ? "passed" : "failed") : parts.joined(separator: ", "))
    }

    /// `0.2` → `0.20`, without `String(format:)` (slow on Linux, and this runs for every gate).
    static func twoDecimals(_ value: Double) -> String {
        let hundredths = Int((abs(value) * 100).rounded())
        let fraction = hundredths % 100
        return (value < 0 ? "-" : "") + "\(hundredths / 100)." + (fraction < 10 ? "0" : "") + "\(fraction)"
    }
}
