import Foundation
import QuorumCore

extension HTMLReport {
    /// Where each system's answers stopped, level by level, and how accurate each level's answers were.
    package func funnelSection() -> String {
        let systems = comparison.systems.filter { !$0.funnel.isEmpty }
        guard systems.contains(where: { $0.funnel.count > 1 || ($0.funnel.first?.level ?? 1) > 1 }) else {
            return "<section id=\"funnel\"><h2>Escalation funnel</h2><p class=\"note\">Every system answered at its first level (no cascades or debates escalated).</p></section>"
        }
        let levelColors = ["#a0cbe8", "#4e79a7", "#f28e2b", "#e15759", "#76b7b2"]
        let width = 720.0, left = 130.0, right = 20.0, rowHeight = 46.0
        let height = Double(systems.count) * rowHeight + 10
        let x = SVGScale(domain: 0...1, from: left, to: width - right)
        var svg = "<svg id=\"chart-funnel\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" role=\"img\" aria-label=\"escalation funnel\">"
        for (index, system) in systems.enumerated() {
            let top = 8 + Double(index) * rowHeight
            svg += "<text x=\"\(left - 8)\" y=\"\(HTMLText.number(top + 20))\" text-anchor=\"end\">\(HTMLText.escape(system.system))</text>"
            var start = 0.0
            for step in system.funnel {
                let fill = levelColors[(step.level - 1) % levelColors.count]
                let accuracy = step.accuracy.map { " · acc \(HTMLText.percent($0, digits: 0))" } ?? ""
                svg += "<rect class=\"level\" data-system=\"\(HTMLText.escape(system.system))\" data-level=\"\(step.level)\" data-items=\"\(step.items)\" data-accuracy=\"\(step.accuracy.map { String($0) } ?? "")\" x=\"\(HTMLText.number(x(start)))\" y=\"\(HTMLText.number(top + 4))\" width=\"\(HTMLText.number(x(start + step.share) - x(start)))\" height=\"26\" fill=\"\(fill)\" stroke=\"#fff\"><title>level \(step.level): \(step.items) items\(accuracy)</title></rect>"
                svg += "<text x=\"\(HTMLText.number(x(start) + 6))\" y=\"\(HTMLText.number(top + 22))\" style=\"fill:\(step.level == 1 ? "#1f2328" : "#fff")\">L\(step.level) \(step.items) (\(HTMLText.percent(step.share, digits: 0)))\(accuracy)</text>"
                start += step.share
            }
        }
        svg += "</svg>"
        return """
            <section id="funnel"><h2>Escalation funnel</h2>
            <p class="muted">Share of answered items whose final answer came from each level, and the accuracy of those answers.</p>\(svg)</section>
            """
    }

    /// Box plots of latency and answer length per system.
    package func distributionSection() -> String {
        """
        <section id="distributions"><h2>Latency and answer length</h2><div class="charts">
        <div><h3>Latency per item (seconds)</h3>\(boxPlot(id: "chart-latency", values: comparison.systems.map { ($0.system, $0.latency) }, format: "%.1f"))</div>
        <div><h3>Answer length (words)</h3>\(boxPlot(id: "chart-length", values: comparison.systems.map { ($0.system, $0.answerLength) }, format: "%.0f"))</div>
        </div></section>
        """
    }

    func boxPlot(id: String, values: [(String, Distribution?)], format: String) -> String {
        let present = values.compactMap { name, d in d.map { (name, $0) } }
        guard !present.isEmpty else { return "<p class=\"note\">No answered items.</p>" }
        let width = 360.0, left = 90.0, right = 16.0, rowHeight = 30.0
        let height = Double(present.count) * rowHeight + 34
        let x = SVGScale(domain: 0...max(present.map(\.1.max).max() ?? 1, 1e-9) * 1.05, from: left, to: width - right)
        var svg = "<svg id=\"\(id)\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" role=\"img\">"
        for tick in x.ticks(4) {
            svg += "<line x1=\"\(HTMLText.number(x(tick)))\" x2=\"\(HTMLText.number(x(tick)))\" y1=\"4\" y2=\"\(HTMLText.number(height - 24))\" stroke=\"#eaeef2\"/>"
            svg += "<text class=\"label\" x=\"\(HTMLText.number(x(tick)))\" y=\"\(HTMLText.number(height - 8))\" text-anchor=\"middle\">\(String(format: format, tick))</text>"
        }
        for (index, (system, d)) in present.enumerated() {
            let mid = 8 + Double(index) * rowHeight + 10
            let color = color(system)
            svg += "<text x=\"\(left - 8)\" y=\"\(HTMLText.number(mid + 4))\" text-anchor=\"end\">\(HTMLText.escape(system))</text>"
            svg += "<line x1=\"\(HTMLText.number(x(d.min)))\" x2=\"\(HTMLText.number(x(d.max)))\" y1=\"\(mid)\" y2=\"\(mid)\" stroke=\"\(color)\"/>"
            svg += "<rect class=\"box\" data-system=\"\(HTMLText.escape(system))\" data-median=\"\(d.median)\" x=\"\(HTMLText.number(x(d.p25)))\" y=\"\(mid - 8)\" width=\"\(HTMLText.number(max(1, x(d.p75) - x(d.p25))))\" height=\"16\" fill=\"\(color)\" fill-opacity=\"0.35\" stroke=\"\(color)\"><title>\(HTMLText.escape(system)): median \(String(format: format, d.median)), IQR \(String(format: format, d.p25))–\(String(format: format, d.p75)), max \(String(format: format, d.max)), n=\(d.count)</title></rect>"
            svg += "<line x1=\"\(HTMLText.number(x(d.median)))\" x2=\"\(HTMLText.number(x(d.median)))\" y1=\"\(mid - 8)\" y2=\"\(mid + 8)\" stroke=\"\(color)\" stroke-width=\"2.5\"/>"
        }
        return svg + "</svg>"
    }

    /// Ratings, judge bias and the cost breakdown.
    func detailsSection() -> String {
        let c = comparison
        var html = "<section id=\"details\"><h2>Ratings, judge bias and cost</h2>"
        if let ratings = c.ratings, !ratings.hasRatings {
            html += "<h3>Bradley–Terry win probability against \(HTMLText.escape(c.baseline))</h3>"
                + "<p class=\"note\" id=\"ratings-note\">Bradley–Terry: \(HTMLText.escape(ratings.note ?? "not enough readable verdicts"))</p>"
        } else if let ratings = c.ratings {
            let styled = Dictionary((c.styleControlledRatings?.ratings ?? []).map { ($0.system, $0) }, uniquingKeysWith: { a, _ in a })
            func cell(_ r: BradleyTerry.Rating?) -> String {
                guard let r else { return "–" }
                return HTMLText.percent(r.winProbability) + (r.intervals.map { " [\(HTMLText.percent($0.lower95)), \(HTMLText.percent($0.upper95))]" } ?? "")
            }
            let rows = ratings.ratings.map { "<tr><td>\(HTMLText.escape($0.system))</td><td class=\"num\">\(cell($0))</td><td class=\"num\">\(cell(styled[$0.system]))</td></tr>" }.joined()
            html += "<h3>Bradley–Terry win probability against \(HTMLText.escape(c.baseline))</h3><table id=\"ratings\"><thead><tr><th>system</th><th class=\"num\">rating [95%]</th><th class=\"num\">style-controlled [95%]</th></tr></thead><tbody>\(rows)</tbody></table>"
            if let note = ratings.note { html += "<p class=\"note\" id=\"ratings-note\">\(HTMLText.escape(note))</p>" }
            if let style = c.styleControlledRatings, !style.covariateNames.isEmpty {
                let effects = zip(style.covariateNames, style.covariateCoefficients).map { "\($0) " + String(format: "%+.2f", $1) }.joined(separator: ", ")
                html += "<p class=\"muted\">Style effects (log-odds per standard deviation of the difference to the baseline): \(HTMLText.escape(effects)).</p>"
            }
        }
        if let bias = c.judgeBias {
            html += "<h3>Judge bias</h3><ul id=\"judge-bias\">"
            html += "<li>Longer answer wins \(HTMLText.percent(bias.longerAnswerWinRate)) of \(bias.lengthDecided) decided pairs (50% = no length preference).</li>"
            html += "<li>Verdict changes when positions swap in \(HTMLText.percent(bias.positionFlipRate)) of \(bias.pairs) pairs.</li>"
            html += "<li>The answer shown first wins \(HTMLText.percent(bias.firstPositionWinRate)) of decisive games.</li>"
            if !bias.selfPreference.isEmpty {
                html += "<li class=\"fail\">Self-preference risk: the judge's model \(HTMLText.escape(c.judgeModel ?? "")) also answers for \(HTMLText.escape(bias.selfPreference.joined(separator: ", "))).</li>"
            }
            html += "</ul>"
        }
        let rows = c.systems.map { s in
            "<tr><td>\(HTMLText.escape(s.system))</td><td class=\"num\">\(s.cost.answer.formatted)</td><td class=\"num\">\(s.cost.inSystemJudge.formatted)</td><td class=\"num\">\(s.cost.system.formatted)</td><td class=\"num\">\(s.cost.perItem?.formatted ?? "–")</td><td class=\"num\">\(s.cost.evaluation.formatted)</td>"
                + (c.referenceModel == nil ? "" : "<td class=\"num\">\(s.cost.atReferencePrice?.formatted ?? "–")</td>") + "</tr>"
        }.joined()
        html += "<h3>Cost</h3><table id=\"costs\"><thead><tr><th>system</th><th class=\"num\">answers</th><th class=\"num\">in-system judging</th><th class=\"num\">system total</th><th class=\"num\">per item</th><th class=\"num\">evaluation (not serving)</th>"
            + (c.referenceModel.map { "<th class=\"num\">at \(HTMLText.escape($0)) list price</th>" } ?? "") + "</tr></thead><tbody>\(rows)</tbody></table>"
        return html + "</section>"
    }
}
