import Foundation
import QuorumCore
import QuorumStore

extension RunComparison {
    /// The system the headline talks about: the best non-baseline system on the frontier (else the
    /// best overall), by the quality axis.
    public var bestAlternative: SystemComparison? {
        guard let axis = qualityAxis else { return systems.first { !$0.isBaseline } }
        let candidates = systems.filter { !$0.isBaseline && Self.quality(of: $0, axis: axis) != nil }
        let onFrontier = candidates.filter(\.isParetoOptimal)
        return (onFrontier.isEmpty ? candidates : onFrontier).max { a, b in
            (Self.quality(of: a, axis: axis) ?? 0, -(a.cost.perItem?.doubleValue ?? 0))
                < (Self.quality(of: b, axis: axis) ?? 0, -(b.cost.perItem?.doubleValue ?? 0))
        }
    }

    func makeHeadline() -> String {
        guard let base = system(baseline) else { return "Run \(runID) has no baseline system '\(baseline)'." }
        guard let best = bestAlternative else {
            return "Only one system, \(baseline): \(qualityText(base)) at \(base.cost.perItem?.formatted ?? "–") per item."
        }
        var sentence = "\(best.system) vs \(baseline): "
        if qualityAxis == "accuracy", let accuracy = best.accuracy {
            sentence += "\(Self.percent(accuracy)) accuracy"
            if let interval = best.accuracyInterval { sentence += " [\(Self.percent(interval.lower))–\(Self.percent(interval.upper))]" }
            if let baseAccuracy = base.accuracy { sentence += " against \(Self.percent(baseAccuracy))" }
            if let paired = best.pairedDifference {
                sentence += String(format: " (%+.1f points, 95%% CI %+.1f to %+.1f, McNemar p = %.2f)",
                    paired.difference * 100, paired.lower * 100, paired.upper * 100, paired.mcnemar.pValue)
            }
        } else if let record = best.pairwise, let score = record.score {
            sentence += "Arena-Hard score \(Self.percent(score))"
            if let intervals = record.scoreIntervals {
                sentence += " (95% CI \(Self.percent(intervals.lower95))–\(Self.percent(intervals.upper95)); 50% = as good as the baseline)"
            }
            sentence += ", won \(record.wins), tied \(record.ties), lost \(record.losses)"
        } else if let note = best.pairwise?.note {
            sentence += note
        } else {
            sentence += qualityText(best) + " against " + qualityText(base)
        }
        if let relative = best.cost.relativeToBaseline {
            sentence += relative <= 1
                ? String(format: ", at %.2f× the baseline's cost per item (saves %.0f%%).", relative, (1 - relative) * 100)
                : String(format: ", at %.2f× the baseline's cost per item (costs %.0f%% more).", relative, (relative - 1) * 100)
        } else {
            sentence += "."
        }
        return sentence
    }

    func qualityText(_ system: SystemComparison) -> String {
        if let accuracy = system.accuracy { return "\(Self.percent(accuracy)) accuracy" }
        if let score = system.meanScore { return String(format: "mean score %.2f", score) }
        return "no quality measure"
    }

    func makeWarnings(games: PairwiseGames, items: [ItemRecord]) -> [String] {
        var warnings: [String] = []
        if let bias = judgeBias, !bias.selfPreference.isEmpty, let judgeModel {
            warnings.append(
                "self-preference: the judge's model '\(judgeModel)' also answers for \(bias.selfPreference.joined(separator: ", ")); "
                    + "its verdicts may favour its own answers")
        }
        if judge != nil {
            let answered = Set(items.filter { $0.system == baseline && $0.answer != nil }.map(\.itemID))
            let expected = items.count { $0.system != baseline && $0.answer != nil && answered.contains($0.itemID) }
            let complete = games.pairs.count { $0.systemFirst != nil && $0.baselineFirst != nil }
            if complete < expected { warnings.append("\(expected - complete) of \(expected) pairs are not fully judged yet") }
            let unreadable = games.pairs.count { $0.preferences == nil && $0.systemFirst != nil && $0.baselineFirst != nil }
            if unreadable > 0 { warnings.append("\(unreadable) judged pairs had an unreadable verdict and are left out") }
        }
        if judge != nil, games.judgedPairs < Self.minimumPairsForStyleControl {
            warnings.append("style-controlled ratings need at least \(Self.minimumPairsForStyleControl) judged pairs (have \(games.judgedPairs))")
        }
        if let smallest = systems.map(\.answered).min(), smallest < 30 {
            warnings.append("small sample (\(smallest) answered items): intervals are wide; read differences with care")
        }
        return warnings
    }

    static func percent(_ value: Double) -> String { String(format: "%.1f%%", value * 100) }
}
