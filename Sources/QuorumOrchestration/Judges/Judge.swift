import QuorumCore

/// Something that scores one answer to one question: a score judge, a rubric, a verifier.
///
/// Pairwise comparison has its own shape (`PairwiseJudge.compare`) because it needs two answers.
public protocol Judge: Sendable {
    /// The configured name.
    var name: String { get }

    /// Judges `answer` (the candidate's final text) to `question` (the item as asked).
    /// Model calls go through `context` with role `.judge`. An unparseable judgement is a verdict
    /// that did not pass, not an error; errors are failed calls (budget, provider).
    func verdict(on answer: String, to question: Question, in context: RunContext) async throws -> Verdict
}

/// A judge's decision about one answer, with the calls it took.
public struct Verdict: Sendable, Hashable {
    public var record: VerdictRecord
    /// The judge's model calls (none for verifiers), in the order made.
    public var calls: [CallRecord]
    /// Optional explanation for the trace (a verifier's detail, the extracted answer).
    public var note: String?

    public init(record: VerdictRecord, calls: [CallRecord] = [], note: String? = nil) {
        self.record = record
        self.calls = calls
        self.note = note
    }

    public var passed: Bool { record.passed }
    public var score: Double? { record.score }

    /// The verdict as a trace node: a `.verdict` node labelled with the judge's name, its calls as children.
    public func node(label: String? = nil) -> TraceNode {
        TraceNode(
            kind: .verdict, label: label ?? record.judge, verdict: record, note: note,
            children: calls.map { TraceNode(kind: .call, label: $0.model, call: $0) })
    }
}
