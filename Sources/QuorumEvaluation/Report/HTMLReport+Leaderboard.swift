import Foundation

extension HTMLReport {
    /// The rubric leaderboard: a model × prompt heat map of the composite per judge source, then
    /// every row with its interval drawn as a bar and whisker on the rubric's composite range.
    package func leaderboardSection() -> String {
        guard let board = leaderboard, !board.rows.isEmpty else { return "" }
        let range = board.compositeRange ?? Self.observedRange(board)
        var html = "<section id=\"leaderboard\"><h2>Leaderboard <span class=\"muted\">rubric \(HTMLText.escape(board.rubric))</span></h2>"
        for source in CellScore.Source.allCases {
            let rows = board.rows.filter { $0.source == source }
            guard !rows.isEmpty else { continue }
            html += "<h3>judged by \(source == .human ? "people" : "LLM judges") (\(HTMLText.escape(Set(rows.flatMap(\.judges)).sorted().joined(separator: ", "))))</h3>"
            if rows.contains(where: { $0.prompt != nil }) { html += heatMap(rows, range: range) }
            html += leaderboardTable(rows, board: board, range: range)
        }
        let agreement = board.agreementLines().split(separator: "\n").map { "<li>\(HTMLText.escape(String($0)))</li>" }
        if !agreement.isEmpty { html += "<ul class=\"muted\">" + agreement.joined() + "</ul>" }
        return html + "</section>"
    }

    /// Models down, prompts across, each cell's mean composite shaded from the range's low to high end.
    private func heatMap(_ rows: [Leaderboard.Row], range: ClosedRange<Double>) -> String {
        let models = rows.map(\.model).uniqued()
        let prompts = rows.compactMap(\.prompt).uniqued().sorted()
        let cells = Dictionary(rows.map { ("\($0.model)\u{1F}\($0.prompt ?? "")", $0) }, uniquingKeysWith: { first, _ in first })
        let header = "<tr><th>model \\ prompt</th>" + prompts.map { "<th>\(HTMLText.escape($0))</th>" }.joined() + "</tr>"
        let body = models.map { model in
            "<tr><td>\(HTMLText.escape(model))</td>" + prompts.map { prompt -> String in
                guard let row = cells["\(model)\u{1F}\(prompt)"], row.composite.mean.isFinite else { return "<td class=\"num\">–</td>" }
                let share = max(0, min(1, (row.composite.mean - range.lowerBound) / max(range.upperBound - range.lowerBound, 1e-9)))
                return "<td class=\"num\" style=\"background:rgba(45,164,78,\(String(format: "%.2f", 0.08 + 0.6 * share)))\">"
                    + "\(HTMLText.number(row.composite.mean))</td>"
            }.joined() + "</tr>"
        }.joined()
        return "<table class=\"heat\"><thead>\(header)</thead><tbody>\(body)</tbody></table>"
    }

    private func leaderboardTable(_ rows: [Leaderboard.Row], board: Leaderboard, range: ClosedRange<Double>) -> String {
        let criteria = board.criteria.map { "<th>\(HTMLText.escape($0))</th>" }.joined()
        let flags = board.flags.map { "<th>\(HTMLText.escape($0))</th>" }.joined()
        let body = rows.map { row -> String in
            let prompt = row.prompt.map { " · \(HTMLText.escape($0))" } ?? ""
            return "<tr><td>\(HTMLText.escape(row.model))\(prompt)</td><td class=\"num\">\(row.scenarios)</td>"
                + "<td class=\"num\">\(HTMLText.escape(Leaderboard.format(row.composite)))</td><td>\(intervalBar(row.composite, range: range))</td>"
                + row.criteria.map { "<td class=\"num\">\(HTMLText.escape(Leaderboard.format($0.estimate)))</td>" }.joined()
                + row.flagRates.map { "<td class=\"num\">\(HTMLText.percent($0.rate, digits: 0))</td>" }.joined() + "</tr>"
        }.joined()
        return "<table class=\"summary\"><thead><tr><th>model · prompt</th><th>scenarios</th><th>composite [95% CI]</th><th></th>"
            + criteria + flags + "</tr></thead><tbody>\(body)</tbody></table>"
    }

    /// A 160-pixel bar to the mean with a whisker over the 95% interval.
    private func intervalBar(_ estimate: Leaderboard.Estimate, range: ClosedRange<Double>) -> String {
        guard estimate.mean.isFinite else { return "" }
        let span = max(range.upperBound - range.lowerBound, 1e-9)
        func x(_ value: Double) -> String { String(format: "%.1f", 160 * max(0, min(1, (value - range.lowerBound) / span))) }
        var svg = "<svg width=\"160\" height=\"14\" role=\"img\"><rect x=\"0\" y=\"3\" width=\"\(x(estimate.mean))\" height=\"8\" fill=\"#4e79a7\" opacity=\"0.7\"/>"
        if let lower = estimate.lower95, let upper = estimate.upper95 {
            svg += "<line x1=\"\(x(lower))\" x2=\"\(x(upper))\" y1=\"7\" y2=\"7\" stroke=\"#1f2328\"/>"
                + "<line x1=\"\(x(lower))\" x2=\"\(x(lower))\" y1=\"3\" y2=\"11\" stroke=\"#1f2328\"/>"
                + "<line x1=\"\(x(upper))\" x2=\"\(x(upper))\" y1=\"3\" y2=\"11\" stroke=\"#1f2328\"/>"
        }
        return svg + "</svg>"
    }

    private static func observedRange(_ board: Leaderboard) -> ClosedRange<Double> {
        let values = board.rows.map(\.composite.mean).filter(\.isFinite)
        let low = min(0, values.min() ?? 0)
        return low...max(low + 1, values.max() ?? 1)
    }
}

extension Array where Element: Hashable {
    /// The elements in order, each once.
    fileprivate func uniqued() -> [Element] {
        var seen: Set<Element> = []
        return filter { seen.insert($0).inserted }
    }
}
