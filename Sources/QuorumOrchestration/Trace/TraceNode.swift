import QuorumCore

/// The tree of everything a system did for one question: system → level/round/layer → call, verdicts.
public struct TraceNode: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Hashable, Codable {
        case system, level, round, layer, sample, call, verdict, note
    }

    public var kind: Kind
    /// `cascade`, `level 2`, `round 1`, the model name of a call, …
    public var label: String
    public var call: CallRecord?
    public var verdict: VerdictRecord?
    /// Why this step ended as it did: `accepted: score 0.93 ≥ 0.9`, `escalated: judge said Invalid`.
    public var note: String?
    public var children: [TraceNode]

    public init(
        kind: Kind, label: String, call: CallRecord? = nil, verdict: VerdictRecord? = nil, note: String? = nil,
        children: [TraceNode] = []
    ) {
        self.kind = kind
        self.label = label
        self.call = call
        self.verdict = verdict
        self.note = note
        self.children = children
    }

    /// Every call in this subtree, depth first.
    public var calls: [CallRecord] {
        var result: [CallRecord] = []
        if let call { result.append(call) }
        for child in children { result += child.calls }
        return result
    }

    /// Exact cost of the calls made to answer.
    public var answerCost: USD { calls.filter { $0.role == .answer }.map(\.cost).sum() }
    /// Exact cost of the calls made to judge.
    public var judgeCost: USD { calls.filter { $0.role == .judge }.map(\.cost).sum() }
    public var usage: Usage { calls.reduce(.zero) { $0 + $1.usage } }
}
