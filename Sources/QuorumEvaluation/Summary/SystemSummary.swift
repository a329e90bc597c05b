import Foundation
import QuorumCore
import QuorumStore

/// One system's line of the comparison table: quality, cost, latency, escalation and failures.
public struct SystemSummary: Sendable, Hashable, Codable {
    public var system: String
    public var items: Int
    public var answered: Int
    public var failed: Int
    public var pending: Int
    /// Items with a score.
    public var scored: Int
    /// Share passed (verifier runs), over scored items.
    public var accuracy: Double?
    public var accuracyInterval: WilsonInterval?
    /// Mean 0…1 score (judge runs), over scored items.
    public var meanScore: Double?
    public var answerCost: USD
    public var judgeCost: USD
    /// Total cost per answered item.
    public var costPerItem: USD?
    /// Total cost divided by the baseline system's total cost; `nil` for the baseline itself.
    public var costRelativeToBaseline: Double?
    public var latencyP50: Double?
    public var latencyP95: Double?
    /// Share of answered items finished at each level, keyed by level (`"1"`, `"2"`, …).
    public var funnel: [String: Double]
    /// Failed and pending items by reason kind (`rate_limited`, `budget_exhausted`, …).
    public var reasons: [String: Int]

    public var totalCost: USD { answerCost + judgeCost }
}

/// A run's comparison: one `SystemSummary` per system, the baseline first. `--json` prints this value.
public struct RunSummary: Sendable, Hashable, Codable {
    public var runID: String
    public var name: String
    public var status: RunStatus
    public var stopReason: String?
    public var dataset: String
    public var baseline: String?
    public var measure: QualityMeasure?
    public var systems: [SystemSummary]

    /// Summarizes the stored items of `run`.
    public init(run: RunRecord, items: [ItemRecord], measure: QualityMeasure? = nil) {
        runID = run.id
        name = run.name
        status = run.status
        stopReason = run.stopReason
        dataset = run.dataset
        baseline = run.baseline ?? run.systems.first
        self.measure = measure ?? run.scoring.map { $0.hasPrefix("judge") ? .meanScore : .accuracy }
        let grouped = Dictionary(grouping: items, by: \.system)
        var summaries = run.systems.map { Self.summarize($0, grouped[$0] ?? []) }
        if let baseline, let base = summaries.first(where: { $0.system == baseline }), base.totalCost > .zero {
            for index in summaries.indices where summaries[index].system != baseline {
                summaries[index].costRelativeToBaseline = summaries[index].totalCost.doubleValue / base.totalCost.doubleValue
            }
        }
        systems = summaries
    }

    static func summarize(_ system: String, _ items: [ItemRecord]) -> SystemSummary {
        let answered = items.filter { $0.status == .answered }
        let scores = answered.compactMap(\.score)
        let passes = answered.compactMap(\.passed)
        let latencies = answered.compactMap(\.latency).sorted()
        var funnel: [String: Double] = [:]
        for (level, group) in Dictionary(grouping: answered, by: { $0.level ?? 1 }) {
            funnel[String(level)] = Double(group.count) / Double(answered.count)
        }
        var reasons: [String: Int] = [:]
        for item in items where item.status != .answered && (item.status == .failed || item.reasonKind != nil) {
            reasons[item.reasonKind ?? "unknown", default: 0] += 1
        }
        let answerCost = items.map(\.answerCost).sum()
        let judgeCost = items.map(\.judgeCost).sum()
        let passed = passes.count { $0 }
        return SystemSummary(
            system: system, items: items.count, answered: answered.count,
            failed: items.count { $0.status == .failed }, pending: items.count { $0.status == .pending },
            scored: scores.count,
            accuracy: passes.isEmpty ? nil : Double(passed) / Double(passes.count),
            accuracyInterval: WilsonInterval(successes: passed, trials: passes.count),
            meanScore: scores.isEmpty ? nil : scores.reduce(0, +) / Double(scores.count),
            answerCost: answerCost, judgeCost: judgeCost,
            costPerItem: answered.isEmpty ? nil : USD((answerCost + judgeCost).amount / Decimal(answered.count)),
            costRelativeToBaseline: nil,
            latencyP50: percentile(latencies, 0.5), latencyP95: percentile(latencies, 0.95),
            funnel: funnel, reasons: reasons)
    }

    /// Nearest-rank percentile of sorted values.
    static func percentile(_ sorted: [Double], _ fraction: Double) -> Double? {
        guard !sorted.isEmpty else { return nil }
        let rank = Int((fraction * Double(sorted.count)).rounded(.up))
        return sorted[min(max(rank, 1), sorted.count) - 1]
    }
}
