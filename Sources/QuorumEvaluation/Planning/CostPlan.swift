import QuorumCore

/// What a run is expected to cost before anything is spent: calls, tokens and USD per model and system.
public struct CostPlan: Sendable, Hashable, Codable {
    public struct Line: Sendable, Hashable, Codable {
        /// The model or system name.
        public var name: String
        public var calls: Double
        public var promptTokens: Double
        public var completionTokens: Double
        public var cost: USD
        /// False when a model on this line has no price (counted as free).
        public var priced: Bool
    }

    public var items: Int
    /// `heuristic` (prompt lengths and max_tokens) or `sampled` (extrapolated from real calls).
    public var method: String
    public var systems: [Line]
    public var models: [Line]
    /// What the estimate assumed, in sentences (escalation rates, output lengths).
    public var assumptions: [String]

    public var totalCost: USD { systems.map(\.cost).sum() }

    /// Two tables: per system, then per model.
    public func renderedTable() -> String {
        func rows(_ lines: [Line]) -> [[String]] {
            lines.map {
                [$0.name + ($0.priced ? "" : " (no price)"), String(format: "%.0f", $0.calls),
                    String(format: "%.0f", $0.promptTokens), String(format: "%.0f", $0.completionTokens), $0.cost.formatted]
            }
        }
        let header = ["", "calls", "prompt tok", "output tok", "USD"]
        var text = "plan for \(items) items (\(method))\n"
        text += TextTable(header: ["system"] + header.dropFirst(), rows: rows(systems)).rendered() + "\n\n"
        text += TextTable(header: ["model"] + header.dropFirst(), rows: rows(models)).rendered() + "\n"
        text += "total \(totalCost.formatted)\n"
        text += assumptions.map { "· \($0)" }.joined(separator: "\n")
        return text
    }
}
