import Foundation

extension Leaderboard {
    /// The terminal table: one row per (model, prompt, judged by), best first within each source.
    public func renderedTable() -> String {
        guard !rows.isEmpty else { return "no rubric scores yet for \(rubric)" }
        let hasPrompts = rows.contains { $0.prompt != nil }
        var header = ["model"] + (hasPrompts ? ["prompt"] : []) + ["judged by", "n", "composite [95% CI]"]
        header += criteria + flags.map { "\($0) %" }
        let table = TextTable(header: header, rows: rows.map { row in
            var cells = [row.model] + (hasPrompts ? [row.prompt ?? "–"] : [])
            cells += ["\(row.source.rawValue): \(row.judges.joined(separator: ","))", "\(row.scenarios)", Self.format(row.composite)]
            cells += row.criteria.map { Self.number($0.estimate.mean) }
            cells += row.flagRates.map { String(format: "%.0f", $0.rate * 100) }
            return cells
        })
        return "rubric \(rubric)\n" + table.rendered() + agreementLines()
    }

    /// One line per comparison of judges: the composite's alpha and mean difference, and the
    /// criterion they agree on least.
    func agreementLines() -> String {
        guard let agreement else { return "" }
        var lines: [String] = []
        for (title, measures) in [
            ("people (\(agreement.humanJudges.joined(separator: ", ")))", agreement.amongHumans),
            ("people vs LLM judges (\(agreement.llmJudges.joined(separator: ", ")))", agreement.humanVersusLLM),
        ] where !measures.isEmpty {
            let composite = measures.first { $0.name == "composite" }
            var line = "agreement among \(title): composite α \(composite?.alpha.map(Self.number) ?? "–")"
                + ", mean |difference| \(composite?.meanAbsoluteDifference.map(Self.number) ?? "–") over \(composite?.cells ?? 0) cells"
            if let weakest = measures.filter({ $0.name != "composite" && $0.alpha != nil }).min(by: { $0.alpha! < $1.alpha! }) {
                line += "; least on \(weakest.name) (α \(Self.number(weakest.alpha!)))"
            }
            lines.append(line)
        }
        return lines.isEmpty ? "" : "\n" + lines.joined(separator: "\n")
    }

    static func format(_ estimate: Estimate) -> String {
        guard let lower = estimate.lower95, let upper = estimate.upper95 else { return number(estimate.mean) }
        return "\(number(estimate.mean)) [\(number(lower)), \(number(upper))]"
    }

    static func number(_ value: Double) -> String { value.isFinite ? String(format: "%.2f", value) : "–" }
}
