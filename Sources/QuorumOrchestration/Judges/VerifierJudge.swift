/// A judge that is a programmatic check: no model, no cost, score 1 or 0.
public struct VerifierJudge: Judge {
    public var name: String
    public var verifier: Verifier

    public init(name: String, verifier: Verifier) {
        self.name = name
        self.verifier = verifier
    }

    public func verdict(on answer: String, to question: Question, in context: RunContext) async throws -> Verdict {
        let outcome = await verifier.check(answer, reference: question.reference)
        let record = VerdictRecord(
            judge: name, score: outcome.passed ? 1 : 0, passed: outcome.passed,
            label: outcome.passed ? "pass" : "fail", reasoning: outcome.detail,
            feedback: outcome.passed ? nil : "The \(verifier.kindName) check failed: \(outcome.detail).")
        return Verdict(record: record, note: outcome.detail)
    }
}
