extension TraceNode {
    /// One gate decision found in a trace: which gate, at which level, and whether it passed.
    public struct GateDecision: Sendable, Hashable {
        /// The 1-based level (cascade, debate) the decision was made at; 1 outside levels.
        public var level: Int
        /// The gate's name: `judge:quality`, `verifier:regex`, `agreement:3/5`, `all(…)`, or the debate judge's name.
        public var gate: String
        public var passed: Bool
        /// Normalized score, when the gate has one.
        public var score: Double?
    }

    /// Every gate decision in this trace, in order: the `.verdict` nodes labelled `gate`.
    /// The evaluation layer counts acceptances per gate from these (and checks them against references).
    public var gateDecisions: [GateDecision] {
        var result: [GateDecision] = []
        collectGates(level: 1, into: &result)
        return result
    }

    func collectGates(level: Int, into result: inout [GateDecision]) {
        var level = level
        if kind == .level, let number = Int(label.split(separator: " ").last ?? "") { level = number }
        if kind == .verdict, label == "gate", let verdict {
            result.append(GateDecision(level: level, gate: verdict.judge, passed: verdict.passed, score: verdict.score))
            return
        }
        for child in children { child.collectGates(level: level, into: &result) }
    }
}
