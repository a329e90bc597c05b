import Foundation
import QuorumCore

extension RunComparison {
    /// The comparison as terminal tables, mirroring the HTML report's sections. `colored` adds
    /// ANSI emphasis to titles and warnings only (never inside a table, so columns stay aligned).
    public func renderedTables(colored: Bool = false) -> String {
        func title(_ text: String) -> String { colored ? "\u{1B}[1m\(text)\u{1B}[0m" : text }
        var sections = [
            title("run \(runID) · \(name) · \(dataset) · baseline \(baseline)"),
            title(headline),
            title("Systems") + "\n" + systemsTable().rendered(),
        ]
        if systems.contains(where: { $0.pairwise != nil }) {
            let notes = systems.compactMap { system in system.pairwise?.note.map { "\(system.system): \($0)" } }
            sections.append(
                ([title("Pairwise against \(baseline) (judge \(judge ?? "–"), both position orders)"), pairwiseTable().rendered()]
                    + notes).joined(separator: "\n"))
        }
        if let ratings {
            if ratings.hasRatings {
                let table = title("Bradley–Terry: modelled win probability against \(baseline)") + "\n" + ratingsTable(ratings).rendered()
                sections.append(table + (ratings.note.map { "\n" + $0 } ?? ""))
            } else {
                sections.append(title("Bradley–Terry: \(ratings.note ?? "not enough readable verdicts")"))
            }
        }
        if let bias = judgeBias { sections.append(title("Judge bias") + "\n" + biasLines(bias)) }
        if let frontierNote, qualityAxis != nil { sections.append("Cost–quality frontier: \(frontierNote)") }
        if systems.contains(where: { $0.funnel.contains { $0.level > 1 } }) {
            sections.append(title("Escalation funnel (items finished per level, their accuracy)") + "\n" + funnelTable().rendered())
        }
        if systems.contains(where: { $0.gate != nil }) {
            sections.append(
                title("Gates (each gated level's own answer checked with the run's verifier)") + "\n" + gateTable().rendered())
        }
        for calibration in calibrations { sections.append(calibrationLines(calibration, title: title)) }
        sections.append(title("Latency and answer length") + "\n" + distributionTable().rendered())
        if !warnings.isEmpty {
            let lines = warnings.map { "! " + $0 }.joined(separator: "\n")
            sections.append(colored ? "\u{1B}[33m\(lines)\u{1B}[0m" : lines)
        }
        return sections.joined(separator: "\n\n")
    }

    func systemsTable() -> TextTable {
        var header = ["system", "answered", "quality", "vs base (paired)", "$/item", "cost vs base", "answer $", "judge $", "eval $"]
        if let referenceModel { header.append("at \(referenceModel)") }
        header.append("frontier")
        return TextTable(header: header, rows: systems.map { system in
            var row = [
                system.system + (system.isBaseline ? " (base)" : ""), "\(system.answered)/\(system.items)",
                Self.qualityCell(system, axis: qualityAxis), Self.pairedCell(system.pairedDifference),
                system.cost.perItem?.formatted ?? "–",
                system.cost.relativeToBaseline.map { String(format: "%.2fx", $0) } ?? (system.isBaseline ? "1.00x" : "–"),
                system.cost.answer.formatted, system.cost.inSystemJudge.formatted, system.cost.evaluation.formatted,
            ]
            if referenceModel != nil { row.append(system.cost.atReferencePrice?.formatted ?? "–") }
            row.append(system.isParetoOptimal ? "★" : "")
            return row
        })
    }

    static func qualityCell(_ system: SystemComparison, axis: String?) -> String {
        if let accuracy = system.accuracy {
            guard let interval = system.accuracyInterval else { return percent(accuracy) }
            return "\(percent(accuracy)) [\(percent(interval.lower)), \(percent(interval.upper))]"
        }
        if axis == "arena_score", let score = system.pairwise?.score { return "arena \(percent(score))" }
        if let mean = system.meanScore { return String(format: "%.3f", mean) }
        return system.isBaseline && axis == "arena_score" ? "arena 50.0%" : "–"
    }

    static func pairedCell(_ paired: PairedDifference?) -> String {
        guard let paired else { return "–" }
        return String(format: "%+.1f pts, p=%.2f", paired.difference * 100, paired.mcnemar.pValue)
    }

    func pairwiseTable() -> TextTable {
        TextTable(
            header: ["system", "judged", "win", "tie", "loss", "win rate [95%]", "arena score", "95% CI", "90% CI", "inconsistent", "judge $"],
            rows: systems.compactMap { system in
                guard let record = system.pairwise else { return nil }
                let rate = record.winRate.map { rate in
                    record.winInterval.map { "\(Self.percent(rate)) [\(Self.percent($0.lower)), \(Self.percent($0.upper))]" } ?? Self.percent(rate)
                } ?? "–"
                let intervals = record.scoreIntervals
                return [
                    system.system, String(record.judged), String(record.wins), String(record.ties), String(record.losses), rate,
                    record.score.map(Self.percent) ?? "–",
                    intervals.map { "\(Self.percent($0.lower95))–\(Self.percent($0.upper95))" } ?? "–",
                    intervals.map { "\(Self.percent($0.lower90))–\(Self.percent($0.upper90))" } ?? "–",
                    record.inconsistentShare.map(Self.percent) ?? "–", record.judgeCost.formatted,
                ]
            })
    }

    func ratingsTable(_ ratings: BradleyTerry.Result) -> TextTable {
        let styled = Dictionary(
            (styleControlledRatings?.ratings ?? []).map { ($0.system, $0) }, uniquingKeysWith: { a, _ in a })
        func cell(_ rating: BradleyTerry.Rating?) -> String {
            guard let rating else { return "–" }
            guard let intervals = rating.intervals else { return Self.percent(rating.winProbability) }
            return "\(Self.percent(rating.winProbability)) [\(Self.percent(intervals.lower95)), \(Self.percent(intervals.upper95))]"
        }
        var table = TextTable(header: ["system", "win prob [95%]", "style-controlled [95%]"])
        table.rows = ratings.ratings.map { [$0.system, cell($0), cell(styled[$0.system])] }
        if let styleControlledRatings, !styleControlledRatings.covariateNames.isEmpty {
            let effects = zip(styleControlledRatings.covariateNames, styleControlledRatings.covariateCoefficients)
                .map { "\($0) " + String(format: "%+.2f", $1) }.joined(separator: ", ")
            table.rows.append(["style effects (log-odds per SD)", effects, ""])
        }
        return table
    }

    func biasLines(_ bias: JudgeBias) -> String {
        var lines: [String] = []
        if let rate = bias.longerAnswerWinRate {
            lines.append("longer answer wins \(Self.percent(rate)) of \(bias.lengthDecided) decided pairs (50% = no length preference)")
        }
        if let rate = bias.positionFlipRate {
            lines.append("verdict changes with position in \(Self.percent(rate)) of \(bias.pairs) pairs")
        }
        if let rate = bias.firstPositionWinRate {
            lines.append("answer shown first wins \(Self.percent(rate)) of decisive games (50% = no position preference)")
        }
        if !bias.selfPreference.isEmpty {
            lines.append("self-preference risk: judge model \(judgeModel ?? "?") also used by \(bias.selfPreference.joined(separator: ", "))")
        }
        return lines.isEmpty ? "no judged pairs yet" : lines.joined(separator: "\n")
    }

    func funnelTable() -> TextTable {
        let levels = Array(Set(systems.flatMap { $0.funnel.map(\.level) })).sorted()
        return TextTable(header: ["system"] + levels.map { "level \($0)" }, rows: systems.map { system in
            [system.system] + levels.map { level in
                guard let step = system.funnel.first(where: { $0.level == level }) else { return "–" }
                var cell = "\(step.items) (\(Self.percent(step.share)))"
                if let accuracy = step.accuracy { cell += " acc \(Self.percent(accuracy))" }
                return cell
            }
        })
    }

    func calibrationLines(_ calibration: SystemCalibration, title: (String) -> String) -> String {
        let summary = calibration.summary
        let point = calibration.atThreshold
        let strong = calibration.levels.last ?? "the last level"
        let metric: (Double?) -> String = { $0.map(Self.percent) ?? "not reached" }
        return [
            title("Calibration of \(calibration.system) (run \(calibration.runID), \(summary.items) items, each level alone)"),
            "\(calibration.levels.first ?? "level 1") alone \(Self.percent(summary.weakAccuracy)) at "
                + String(format: "%.2f×", summary.weakRelativeCost) + " of \(strong)'s cost; \(strong) alone \(Self.percent(summary.strongAccuracy)); "
                + "oracle \(Self.percent(summary.oracle.accuracy)) at " + String(format: "%.2f×", summary.oracle.relativeCost),
            "APGR \(summary.averageGapRecovered.map { String(format: "%.2f", $0) } ?? "–")   CPT50 \(metric(summary.cpt50))   CPT80 \(metric(summary.cpt80))",
            "at the run's threshold \(calibration.threshold): \(Self.percent(point.accuracy)) at "
                + String(format: "%.2f×", point.relativeCost) + " of \(strong)'s cost, \(Self.percent(point.strongShare)) reach \(strong)",
        ].joined(separator: "\n")
    }

    func gateTable() -> TextTable {
        let rate: (Double?) -> String = { $0.map(Self.percent) ?? "–" }
        return TextTable(
            header: ["system", "gate", "decisions", "accepted right", "accepted wrong", "rejected right", "rejected wrong",
                "precision", "recall", "wrong let through"],
            rows: systems.compactMap { system in
                guard let gate = system.gate else { return nil }
                return [
                    system.system, gate.gate, "\(gate.decisions)", "\(gate.acceptedRight)", "\(gate.acceptedWrong)",
                    "\(gate.rejectedRight)", "\(gate.rejectedWrong)", rate(gate.precision), rate(gate.recall),
                    rate(gate.falseAcceptRate),
                ]
            })
    }

    func distributionTable() -> TextTable {
        func cells(_ distribution: Distribution?, _ format: String) -> [String] {
            guard let d = distribution else { return ["–", "–", "–"] }
            return [String(format: format, d.median), String(format: format, d.p75), String(format: format, d.max)]
        }
        return TextTable(
            header: ["system", "latency p50 s", "p75 s", "max s", "words p50", "p75", "max"],
            rows: systems.map { [$0.system] + cells($0.latency, "%.2f") + cells($0.answerLength, "%.0f") })
    }
}
