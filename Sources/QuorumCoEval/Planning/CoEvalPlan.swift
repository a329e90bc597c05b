import Foundation
import QuorumCore
import QuorumEvaluation

/// What a CoEval run will call and cost before anything is spent: calls per phase from the
/// formulas, and calls, tokens and USD per model.
public struct CoEvalPlan: Sendable, Hashable, Codable {
    public struct PhaseLine: Sendable, Hashable, Codable {
        public var phase: CoEvalPhase
        public var name: String
        public var calls: Int
        /// How `calls` was counted, e.g. `2 teachers × 2 tasks × 5 items`.
        public var formula: String
    }

    public struct ModelLine: Sendable, Hashable, Codable {
        public var model: String
        /// Calls by phase (raw value).
        public var callsByPhase: [Int: Int]
        public var calls: Int
        public var promptTokens: Double
        public var completionTokens: Double
        public var cost: USD
        /// False when the model has no price (counted as free).
        public var priced: Bool
    }

    /// One model's share of one phase: what `coeval describe` shows.
    public struct Cell: Sendable, Hashable, Codable {
        public var phase: CoEvalPhase
        public var model: String
        public var calls: Int
        public var promptTokens: Double
        public var completionTokens: Double
        public var cost: USD
    }

    public var phases: [PhaseLine]
    public var models: [ModelLine]
    public var assumptions: [String]
    public var cells: [Cell] = []
    /// Estimated seconds from measured latencies (`--estimate-samples`), at the configured concurrency.
    public var wallSeconds: Double?

    public var totalCalls: Int { phases.map(\.calls).reduce(0, +) }
    public var totalCost: USD { models.map(\.cost).sum() }

    public func renderedTable() -> String {
        var text = TextTable(
            header: ["phase", "calls", "formula"],
            rows: phases.map { ["\($0.phase.rawValue) \($0.name)", "\($0.calls)", $0.formula] }
        ).rendered()
        text += "\n\n" + TextTable(
            header: ["model", "calls", "prompt tok", "output tok", "USD"],
            rows: models.map {
                [$0.model + ($0.priced ? "" : " (no price)"), "\($0.calls)", String(format: "%.0f", $0.promptTokens),
                    String(format: "%.0f", $0.completionTokens), $0.cost.formatted]
            }
        ).rendered()
        text += "\ntotal \(totalCalls) calls, \(totalCost.formatted)"
        if let wallSeconds { text += String(format: ", about %.0f s", wallSeconds) }
        text += "\n"
        text += assumptions.map { "· \($0)" }.joined(separator: "\n")
        return text
    }
}
