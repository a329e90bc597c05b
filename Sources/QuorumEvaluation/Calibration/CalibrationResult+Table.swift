import Foundation

extension CalibrationResult {
    /// The terminal report: the ladder's ends and oracle, RouteLLM's metrics, the curve at every
    /// tenth of strong share, the chosen point and how it holds up on unseen items.
    public func renderedTable() -> String {
        let weak = levels.first ?? "level 1"
        let strong = levels.last ?? "last level"
        var lines = [
            "calibrate \(system): \(levels.joined(separator: " → ")), "
                + (policy.routes ? "learned router (predicted chance of being right)" : "confidence signal \(signal)")
                + (policy.routes && signal.contains("+") ? ", its pick gated by confidence " + signal.replacingOccurrences(of: "router + ", with: "") : "")
                + ", target \(target)",
            "run \(runID): \(items) items answered by every level alone"
                + (incomplete > 0 ? "; \(incomplete) left out (some level failed or is pending)" : ""),
            "",
            ladder.renderedTable(weak: weak, strong: strong),
            "",
            "curve on all \(items) items (" + (policy.routes
                ? "the cheapest model predicted right with chance ≥ threshold answers, left one out"
                : "levels below the last accept when the signal ≥ threshold") + "; ← the chosen one)",
            Self.curveTable(ladder.points, chosen: ladder.points.first { $0.threshold == chosen.threshold && $0.gateThreshold == chosen.gateThreshold } ?? chosen, strong: strong),
            "",
            "chosen: " + Self.describe(chosen, strong: strong) + " (fitted on \(items - (heldOut?.items ?? 0)) items)",
        ]
        if let heldOut { lines.append("held out: " + heldOut.rendered(strong: strong)) }
        if let test, let testLadder {
            lines += ["", "test split:", testLadder.renderedTable(weak: weak, strong: strong), "chosen on test: " + test.rendered(strong: strong)]
        }
        if let ranking = renderedSignals() { lines += ["", ranking] }
        return lines.joined(separator: "\n")
    }

    /// Every signal's APGR on the same logprobs, and which to try when this gate's is not the best.
    func renderedSignals() -> String? {
        guard let best = signals.first else { return nil }
        let format: (Double?) -> String = { $0.map { String(format: "%.2f", $0) } ?? "–" }
        let hasTest = signals.contains { $0.testAverageGapRecovered != nil }
        let figures = signals.map { ranking in
            "\(ranking.signal) \(format(ranking.averageGapRecovered))"
                + (hasTest ? " / \(format(ranking.testAverageGapRecovered))" : "") + (ranking.signal == signal ? " ←" : "")
        }
        return "signals by APGR on these logprobs (calibration" + (hasTest ? " / test" : "") + "): "
            + figures.joined(separator: ", ")
            + (best.signal == signal ? "" : "\n--signal \(best.signal) fits the gate on the best-ranked signal (--write writes it too)")
    }

    static func curveTable(_ points: [OperatingPoint], chosen: OperatingPoint, strong: String) -> String {
        // One row per tenth of strong share: the point nearest it, and among points as near (a gated
        // router has one per gate threshold) the most accurate, then the cheapest.
        var shown: [OperatingPoint] = []
        for tenth in 0...10 {
            let share = Double(tenth) / 10
            guard let distance = points.map({ abs($0.strongShare - share) }).min() else { break }
            let best = points.filter { abs($0.strongShare - share) <= distance + 1e-12 }
                .min { ($0.accuracy, -$0.cost) > ($1.accuracy, -$1.cost) }
            if let best, !shown.contains(best) { shown.append(best) }
        }
        if !shown.contains(chosen) { shown.append(chosen) }
        shown.sort { $0.strongShare < $1.strongShare }
        var table = TextTable(header: ["threshold", "accuracy", "cost vs \(strong)", "\(strong) share", "gap recovered", "funnel"])
        for point in shown {
            table.rows.append([
                (point.threshold.map { String(format: "%.3f", $0) } ?? "escalate all")
                    + (point.gateThreshold.map { String(format: " / %.3f", $0) } ?? "") + (point == chosen ? " ←" : ""),
                percent(point.accuracy), String(format: "%.2f×", point.relativeCost), percent(point.strongShare),
                point.gapRecovered.map { String(format: "%.2f", $0) } ?? "–",
                point.levelShares.map(percent).joined(separator: " / "),
            ])
        }
        return table.rendered()
    }

    public static func describe(_ point: OperatingPoint, strong: String) -> String {
        "threshold " + (point.threshold.map { String(format: "%.4f", $0) } ?? "none (escalate all)")
            + (point.gateThreshold.map { String(format: ", gate threshold %.4f", $0) } ?? "")
            + ": accuracy \(percent(point.accuracy)), cost \(String(format: "%.2f×", point.relativeCost)) of \(strong) alone, "
            + "\(percent(point.strongShare)) reach \(strong)"
    }
}

extension LadderSummary {
    public func renderedTable(weak: String, strong: String) -> String {
        var table = TextTable(header: ["", "accuracy", "cost vs \(strong)", "\(strong) share"])
        table.rows = [
            ["\(weak) alone", percent(weakAccuracy), String(format: "%.2f×", weakRelativeCost), "0%"],
            ["\(strong) alone", percent(strongAccuracy), "1.00×", "100%"],
            ["oracle (perfect gate)", percent(oracle.accuracy), String(format: "%.2f×", oracle.relativeCost), percent(oracle.strongShare)],
        ]
        let metric: (Double?) -> String = { $0.map(percent) ?? "not reached" }
        return table.rendered() + "\n"
            + "APGR \(averageGapRecovered.map { String(format: "%.2f", $0) } ?? "– (\(strong) is no better than \(weak))")"
            + "   CPT50 \(metric(cpt50))   CPT80 \(metric(cpt80))   (\(items) items)"
    }
}

extension LadderEstimate {
    func rendered(strong: String) -> String {
        "\(items) items: accuracy \(percent(point.accuracy))\(Self.interval(accuracy, percent: true)), "
            + "\(qualityRatio.map { String(format: "%.2f×", $0) } ?? "–")\(Self.interval(qualityRatioInterval)) \(strong)'s accuracy "
            + "(\(percent(strongAccuracy))), cost \(String(format: "%.2f×", point.relativeCost))\(Self.interval(relativeCost)) of \(strong) alone, "
            + "\(percent(point.strongShare)) reach \(strong)"
    }

    static func interval(_ interval: ConfidenceIntervals?, percent asPercent: Bool = false) -> String {
        guard let interval else { return "" }
        let format: (Double) -> String = asPercent ? { String(format: "%.1f", $0 * 100) } : { String(format: "%.2f", $0) }
        return " [95% CI \(format(interval.lower95))–\(format(interval.upper95))]"
    }
}

private func percent(_ value: Double) -> String { String(format: "%.0f%%", value * 100) }
