import Foundation
import QuorumCore

extension RunSummary {
    /// The comparison table a user reads after a run (the same value `--json` prints).
    public func renderedTable() -> String {
        let table = TextTable(
            header: ["system", "done", measure == .meanScore ? "score" : "accuracy (95% CI)", "answer $", "judge $",
                "$/item", "vs base", "p50 s", "p95 s", "finished at level", "failed", "pending"],
            rows: systems.map(row))
        var text = "run \(runID) · \(name) · \(dataset) · \(status.rawValue)"
        if let stopReason { text += " (\(stopReason))" }
        text += "\n" + table.rendered()
        let reasons = systems.filter { !$0.reasons.isEmpty }.map { summary in
            "  \(summary.system): " + summary.reasons.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }
                .joined(separator: ", ")
        }
        if !reasons.isEmpty { text += "\nnot answered, by reason:\n" + reasons.joined(separator: "\n") }
        return text
    }

    private func row(_ summary: SystemSummary) -> [String] {
        let quality: String
        if measure == .meanScore, let mean = summary.meanScore {
            quality = String(format: "%.3f", mean)
        } else if let accuracy = summary.accuracy, let interval = summary.accuracyInterval {
            quality = String(format: "%.1f%% [%.1f, %.1f]", accuracy * 100, interval.lower * 100, interval.upper * 100)
        } else {
            quality = "–"
        }
        let funnel = summary.funnel.sorted { (Int($0.key) ?? 0) < (Int($1.key) ?? 0) }
            .map { "L\($0.key) \(Int(($0.value * 100).rounded()))%" }.joined(separator: " ")
        return [
            summary.system + (summary.system == baseline ? " (base)" : ""),
            "\(summary.answered)/\(summary.items)", quality, summary.answerCost.formatted, summary.judgeCost.formatted,
            summary.costPerItem?.formatted ?? "–",
            summary.costRelativeToBaseline.map { String(format: "%.2fx", $0) } ?? "–",
            summary.latencyP50.map { String(format: "%.2f", $0) } ?? "–",
            summary.latencyP95.map { String(format: "%.2f", $0) } ?? "–",
            funnel.isEmpty ? "–" : funnel, String(summary.failed), String(summary.pending),
        ]
    }
}
