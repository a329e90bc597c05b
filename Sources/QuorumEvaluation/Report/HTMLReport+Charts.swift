import Foundation
import QuorumCore

extension HTMLReport {
    /// Cost per item (x) against quality (y), with interval bars and the Pareto frontier as a dashed line.
    package func costQualityChart() -> String {
        let c = comparison
        guard let axis = c.qualityAxis else {
            return "<section id=\"cost-quality\"><h2>Cost vs quality</h2><p class=\"note\">No quality measure: the run is unscored and has no pairwise verdicts.</p></section>"
        }
        let points = c.systems.compactMap { s -> (SystemComparison, Double, Double, (Double, Double)?)? in
            guard let quality = RunComparison.quality(of: s, axis: axis), let cost = s.cost.perItem?.doubleValue else { return nil }
            return (s, cost, quality, interval(of: s, axis: axis))
        }
        let width = 720.0, height = 380.0, left = 70.0, right = 24.0, top = 20.0, bottom = 50.0
        let curveCosts = c.calibrations.flatMap { $0.summary.points.map(\.cost) + [$0.summary.oracle.cost] }
        let maxCost = max((points.map(\.1) + curveCosts).max() ?? 1, 1e-9) * 1.15
        let x = SVGScale(domain: 0...maxCost, from: left, to: width - right)
        let y = SVGScale(domain: 0...1, from: height - bottom, to: top)
        var svg = "<svg id=\"chart-cost-quality\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" role=\"img\" aria-label=\"cost versus quality\">"
        svg += axes(x: x, y: y, width: width, height: height, left: left, bottom: bottom, top: top,
            xFormat: { USD(Decimal($0)).formatted }, yFormat: { HTMLText.percent($0, digits: 0) })
        svg += "<text class=\"label\" x=\"\(HTMLText.number((left + width - right) / 2))\" y=\"\(Int(height - 8))\" text-anchor=\"middle\">system cost per item (USD)</text>"
        svg += "<text class=\"label\" transform=\"translate(16 \(HTMLText.number((top + height - bottom) / 2))) rotate(-90)\" text-anchor=\"middle\">\(Self.axisTitle(axis))</text>"
        let frontier = points.filter { $0.0.isParetoOptimal }.sorted { $0.1 < $1.1 }
        if frontier.count > 1 {
            let path = frontier.map { "\(HTMLText.number(x($0.1))),\(HTMLText.number(y($0.2)))" }.joined(separator: " ")
            svg += "<polyline class=\"frontier\" points=\"\(path)\" fill=\"none\" stroke=\"#444\" stroke-width=\"1.5\" stroke-dasharray=\"6 4\"/>"
        }
        svg += calibrationCurves(x: x, y: y)
        for (system, cost, quality, bounds) in points {
            let px = x(cost), py = y(quality)
            if let (low, high) = bounds {
                svg += "<line class=\"errorbar\" data-system=\"\(HTMLText.escape(system.system))\" x1=\"\(HTMLText.number(px))\" x2=\"\(HTMLText.number(px))\" y1=\"\(HTMLText.number(y(low)))\" y2=\"\(HTMLText.number(y(high)))\" stroke=\"\(color(system.system))\" stroke-width=\"2\"/>"
                for end in [low, high] {
                    svg += "<line x1=\"\(HTMLText.number(px - 5))\" x2=\"\(HTMLText.number(px + 5))\" y1=\"\(HTMLText.number(y(end)))\" y2=\"\(HTMLText.number(y(end)))\" stroke=\"\(color(system.system))\" stroke-width=\"2\"/>"
                }
            }
            svg += "<circle class=\"point\" data-system=\"\(HTMLText.escape(system.system))\" data-cost=\"\(cost)\" data-quality=\"\(quality)\" cx=\"\(HTMLText.number(px))\" cy=\"\(HTMLText.number(py))\" r=\"7\" fill=\"\(color(system.system))\" stroke=\"\(system.isParetoOptimal ? "#111" : "#fff")\" stroke-width=\"2\"><title>\(HTMLText.escape(system.system)): \(HTMLText.percent(quality)) at \(USD(Decimal(cost)).formatted)/item</title></circle>"
            svg += "<text x=\"\(HTMLText.number(px + 10))\" y=\"\(HTMLText.number(py - 8))\">\(HTMLText.escape(system.system))\(system.isParetoOptimal ? " ★" : "")</text>"
        }
        svg += "</svg>"
        return """
            <section id="cost-quality"><h2>Cost vs quality</h2>
            <p class="muted">Each point is a system; bars are 95% intervals. ★ and the dashed line mark the Pareto frontier: \
            no other system is both cheaper and better.\(calibrationCaption)</p>\(svg)\(c.frontierNote.map { "<p class=\"note\" id=\"frontier-note\">Frontier: \(HTMLText.escape($0))</p>" } ?? "")</section>
            """
    }

    var calibrationCaption: String {
        comparison.calibrations.isEmpty ? "" : " A thin line is a cascade's calibration curve (every threshold replayed on "
            + "its <code>quorum calibrate</code> run), ◇ its oracle (a perfect gate) and ○ the run's threshold on it."
    }

    /// Each calibrated cascade's curve (cost per item against accuracy at every threshold), its
    /// oracle and the operating point of the threshold the run used.
    func calibrationCurves(x: SVGScale, y: SVGScale) -> String {
        var svg = ""
        for calibration in comparison.calibrations {
            let color = color(calibration.system)
            let path = calibration.summary.points.sorted { $0.cost < $1.cost }
                .map { "\(HTMLText.number(x($0.cost))),\(HTMLText.number(y($0.accuracy)))" }.joined(separator: " ")
            svg += "<polyline class=\"calibration\" data-system=\"\(HTMLText.escape(calibration.system))\" points=\"\(path)\" fill=\"none\" stroke=\"\(color)\" stroke-opacity=\"0.55\" stroke-width=\"1.5\"/>"
            let oracle = calibration.summary.oracle
            let ox = x(oracle.cost), oy = y(oracle.accuracy)
            svg += "<polygon class=\"oracle\" data-system=\"\(HTMLText.escape(calibration.system))\" points=\"\(HTMLText.number(ox)),\(HTMLText.number(oy - 7)) \(HTMLText.number(ox + 7)),\(HTMLText.number(oy)) \(HTMLText.number(ox)),\(HTMLText.number(oy + 7)) \(HTMLText.number(ox - 7)),\(HTMLText.number(oy))\" fill=\"none\" stroke=\"\(color)\" stroke-width=\"1.5\"><title>\(HTMLText.escape(calibration.system)) oracle: \(HTMLText.percent(oracle.accuracy)) at \(USD(Decimal(oracle.cost)).formatted)/item</title></polygon>"
            let point = calibration.atThreshold
            svg += "<circle class=\"operating-point\" data-system=\"\(HTMLText.escape(calibration.system))\" cx=\"\(HTMLText.number(x(point.cost)))\" cy=\"\(HTMLText.number(y(point.accuracy)))\" r=\"10\" fill=\"none\" stroke=\"\(color)\" stroke-width=\"1.5\" stroke-dasharray=\"3 2\"><title>\(HTMLText.escape(calibration.system)) at threshold \(calibration.threshold) on its calibration run: \(HTMLText.percent(point.accuracy)) at \(USD(Decimal(point.cost)).formatted)/item</title></circle>"
        }
        return svg
    }

    static let outcomeColors = ["win": "#2da44e", "tie": "#8c959f", "loss": "#cf222e"]

    static func axisTitle(_ axis: String) -> String {
        switch axis {
        case "accuracy": "accuracy"
        case "arena_score": "Arena-Hard score vs baseline"
        default: "mean judge score"
        }
    }

    func interval(of system: SystemComparison, axis: String) -> (Double, Double)? {
        switch axis {
        case "accuracy": system.accuracyInterval.map { ($0.lower, $0.upper) }
        case "arena_score": system.pairwise?.scoreIntervals.map { ($0.lower95, $0.upper95) }
        default: nil
        }
    }

    /// Grid lines, tick labels and the two axis lines.
    func axes(
        x: SVGScale, y: SVGScale, width: Double, height: Double, left: Double, bottom: Double, top: Double,
        xFormat: (Double) -> String, yFormat: (Double) -> String
    ) -> String {
        var svg = "<g class=\"grid\">"
        for tick in y.ticks() {
            svg += "<line x1=\"\(left)\" x2=\"\(HTMLText.number(x.end))\" y1=\"\(HTMLText.number(y(tick)))\" y2=\"\(HTMLText.number(y(tick)))\"/>"
            svg += "<text class=\"label\" x=\"\(HTMLText.number(left - 6))\" y=\"\(HTMLText.number(y(tick) + 4))\" text-anchor=\"end\">\(yFormat(tick))</text>"
        }
        for tick in x.ticks() {
            svg += "<text class=\"label\" x=\"\(HTMLText.number(x(tick)))\" y=\"\(HTMLText.number(height - bottom + 16))\" text-anchor=\"middle\">\(xFormat(tick))</text>"
        }
        svg += "</g><g class=\"axis\"><line x1=\"\(left)\" x2=\"\(left)\" y1=\"\(top)\" y2=\"\(HTMLText.number(height - bottom))\"/>"
        svg += "<line x1=\"\(left)\" x2=\"\(HTMLText.number(x.end))\" y1=\"\(HTMLText.number(height - bottom))\" y2=\"\(HTMLText.number(height - bottom))\"/></g>"
        return svg
    }

    /// Win / tie / loss against the baseline per system, with the win rate's 95% interval.
    package func pairwiseSection() -> String {
        let c = comparison
        let rows = c.systems.filter { $0.pairwise != nil && !$0.isBaseline }
        guard !rows.isEmpty else {
            return "<section id=\"pairwise\"><h2>Win / tie / loss against \(HTMLText.escape(c.baseline))</h2><p class=\"note\">No pairwise verdicts yet: run <code>quorum compare \(HTMLText.escape(c.runID))</code> with a pairwise judge in the config.</p></section>"
        }
        let width = 720.0, left = 130.0, right = 200.0, rowHeight = 34.0
        let height = Double(rows.count) * rowHeight + 40
        let x = SVGScale(domain: 0...1, from: left, to: width - right)
        var svg = "<svg id=\"chart-pairwise\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" role=\"img\" aria-label=\"win tie loss\">"
        for (index, system) in rows.enumerated() {
            guard let record = system.pairwise else { continue }
            let top = 10 + Double(index) * rowHeight
            var start = 0.0
            svg += "<text x=\"\(left - 8)\" y=\"\(HTMLText.number(top + 17))\" text-anchor=\"end\">\(HTMLText.escape(system.system))</text>"
            for (kind, count, rate) in [("win", record.wins, record.winRate), ("tie", record.ties, record.tieRate), ("loss", record.losses, record.lossRate)] {
                let share = rate ?? 0
                svg += "<rect class=\"\(kind)\" data-system=\"\(HTMLText.escape(system.system))\" data-count=\"\(count)\" data-rate=\"\(share)\" x=\"\(HTMLText.number(x(start)))\" y=\"\(HTMLText.number(top + 4))\" width=\"\(HTMLText.number(x(start + share) - x(start)))\" height=\"20\" fill=\"\(Self.outcomeColors[kind] ?? "#888")\"><title>\(kind) \(count) (\(HTMLText.percent(share)))</title></rect>"
                if share >= 0.08 {
                    svg += "<text x=\"\(HTMLText.number(x(start + share / 2)))\" y=\"\(HTMLText.number(top + 18))\" text-anchor=\"middle\" style=\"fill:#fff\">\(count)</text>"
                }
                start += share
            }
            if let interval = record.winInterval {
                svg += "<line class=\"win-interval\" x1=\"\(HTMLText.number(x(interval.lower)))\" x2=\"\(HTMLText.number(x(interval.upper)))\" y1=\"\(HTMLText.number(top + 28))\" y2=\"\(HTMLText.number(top + 28))\" stroke=\"#1a7f37\" stroke-width=\"2\"/>"
            }
            let score = record.score.map { "arena \(HTMLText.percent($0))" } ?? ""
            svg += "<text class=\"label\" x=\"\(HTMLText.number(width - right + 8))\" y=\"\(HTMLText.number(top + 18))\">W \(record.wins) · T \(record.ties) · L \(record.losses) \(score)</text>"
        }
        svg += "<line x1=\"\(HTMLText.number(x(0.5)))\" x2=\"\(HTMLText.number(x(0.5)))\" y1=\"6\" y2=\"\(HTMLText.number(height - 26))\" stroke=\"#444\" stroke-dasharray=\"3 3\"/>"
        svg += "<text class=\"label\" x=\"\(HTMLText.number(x(0.5)))\" y=\"\(HTMLText.number(height - 10))\" text-anchor=\"middle\">50%</text></svg>"
        return """
            <section id="pairwise"><h2>Win / tie / loss against \(HTMLText.escape(c.baseline))</h2>
            <p class="muted">Each item judged twice with positions swapped; the green line under a bar is the 95% Wilson interval of the win rate.</p>
            \(svg)\(pairwiseTable())</section>
            """
    }

    func pairwiseTable() -> String {
        let rows = comparison.systems.compactMap { s -> String? in
            guard let r = s.pairwise else { return nil }
            let i = r.scoreIntervals
            return "<tr><td>\(HTMLText.escape(s.system))</td><td class=\"num\">\(r.judged)</td><td class=\"num\">\(HTMLText.percent(r.winRate))</td>"
                + "<td class=\"num\">\(HTMLText.percent(r.score))</td><td class=\"num\">\(i.map { "\(HTMLText.percent($0.lower95))–\(HTMLText.percent($0.upper95))" } ?? "–")</td>"
                + "<td class=\"num\">\(i.map { "\(HTMLText.percent($0.lower90))–\(HTMLText.percent($0.upper90))" } ?? "–")</td>"
                + "<td class=\"num\">\(HTMLText.percent(r.inconsistentShare))</td><td class=\"num\">\(r.judgeCost.formatted)</td></tr>"
        }.joined()
        let notes = comparison.systems.compactMap { s in
            s.pairwise?.note.map { "<p class=\"note pairwise-note\">\(HTMLText.escape(s.system)): \(HTMLText.escape($0))</p>" }
        }.joined()
        return "<table><thead><tr><th>system</th><th class=\"num\">judged</th><th class=\"num\">win rate</th><th class=\"num\">arena score</th><th class=\"num\">95% CI</th><th class=\"num\">90% CI</th><th class=\"num\">inconsistent</th><th class=\"num\">judge cost</th></tr></thead><tbody>\(rows)</tbody></table>" + notes
    }
}
