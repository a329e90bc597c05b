import QuorumCore

/// A system's answer to one question, with the trace of how it got there.
public struct Answer: Sendable, Hashable, Codable {
    public var text: String
    public var trace: TraceNode
    /// The 1-based level (cascade/debate) that produced the final answer; 1 for flat systems.
    public var level: Int
    /// False when a cascade or debate ran out of levels without passing its gate.
    public var resolved: Bool
    /// Wall time for the whole answer, in seconds.
    public var latency: Double

    public init(text: String, trace: TraceNode, level: Int = 1, resolved: Bool = true, latency: Double = 0) {
        self.text = text
        self.trace = trace
        self.level = level
        self.resolved = resolved
        self.latency = latency
    }

    public var answerCost: USD { trace.answerCost }
    public var judgeCost: USD { trace.judgeCost }
    public var totalCost: USD { answerCost + judgeCost }
}
