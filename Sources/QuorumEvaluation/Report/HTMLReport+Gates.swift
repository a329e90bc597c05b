extension HTMLReport {
    /// Gate precision and recall per cascade, and each calibration's reference figures.
    func gateSection() -> String {
        let reviewed = comparison.systems.filter { $0.gate != nil }
        guard !reviewed.isEmpty || !comparison.calibrations.isEmpty else { return "" }
        let rate: (Double?) -> String = { HTMLText.percent($0, digits: 0) }
        var html = "<section id=\"gates\"><h2>Gates</h2>"
        if !reviewed.isEmpty {
            html += """
                <p class="muted">Each gated level's own answer, re-checked with the run's verifier (no call): how often the gate \
                let a wrong answer through (it stays wrong) and sent a right one up (paid for nothing).</p>
                <table><thead><tr><th>system</th><th>gate</th><th>decisions</th><th>accepted right</th><th>accepted wrong</th>\
                <th>rejected right</th><th>rejected wrong</th><th>precision</th><th>recall</th><th>wrong let through</th></tr></thead><tbody>
                """
            for system in reviewed {
                guard let gate = system.gate else { continue }
                html += "<tr data-system=\"\(HTMLText.escape(system.system))\"><td>\(HTMLText.escape(system.system))</td><td>\(HTMLText.escape(gate.gate))</td>"
                    + [gate.decisions, gate.acceptedRight, gate.acceptedWrong, gate.rejectedRight, gate.rejectedWrong].map { "<td class=\"num\">\($0)</td>" }.joined()
                    + [gate.precision, gate.recall, gate.falseAcceptRate].map { "<td class=\"num\">\(rate($0))</td>" }.joined() + "</tr>"
            }
            html += "</tbody></table>"
        }
        for calibration in comparison.calibrations {
            let summary = calibration.summary
            let strong = calibration.levels.last ?? "the last level"
            let cpt: (Double?) -> String = { $0.map { HTMLText.percent($0, digits: 0) } ?? "not reached" }
            html += """
                <p class="calibration-note" data-system="\(HTMLText.escape(calibration.system))"><b>\(HTMLText.escape(calibration.system))</b> calibration \
                (run \(HTMLText.escape(calibration.runID)), \(summary.items) items): \(HTMLText.escape(calibration.levels.first ?? "")) alone \
                \(rate(summary.weakAccuracy)), \(HTMLText.escape(strong)) alone \(rate(summary.strongAccuracy)); oracle \
                \(rate(summary.oracle.accuracy)) at \(HTMLText.number(summary.oracle.relativeCost))× \(HTMLText.escape(strong))'s cost; \
                APGR \(summary.averageGapRecovered.map { HTMLText.number($0) } ?? "–"), CPT50 \(cpt(summary.cpt50)), CPT80 \(cpt(summary.cpt80)); \
                at threshold \(HTMLText.number(calibration.threshold)): \(rate(calibration.atThreshold.accuracy)) at \
                \(HTMLText.number(calibration.atThreshold.relativeCost))× with \(rate(calibration.atThreshold.strongShare)) reaching \(HTMLText.escape(strong)).</p>
                """
        }
        return html + "</section>"
    }
}
