import Foundation

extension CoEvalViews {
    /// The judges the robust summary keeps: the better-agreeing half (by WPA with the others, at
    /// least one), plus every judge whose agreement cannot be measured (metric judges share no
    /// units with others; a lone LLM judge has no one to agree with).
    public var robustJudges: [String] {
        let measured = analysis.agreement.profiles.filter { $0.weightedAgreement != nil }
            .sorted { ($0.weightedAgreement!, $1.judge) > ($1.weightedAgreement!, $0.judge) }
        let top = measured.prefix(max(1, (measured.count + 1) / 2)).map(\.judge)
        let unmeasured = analysis.judges.filter { judge in !measured.contains { $0.judge == judge } }
        return analysis.judges.filter { top.contains($0) || unmeasured.contains($0) }
    }

    /// The (response, criterion) units kept, each with the mean grade of the kept judges on it.
    func robustUnits() -> [CoEvalGradeTable.Unit: Double] {
        let kept = Set(robustJudges)
        var result: [CoEvalGradeTable.Unit: Double] = [:]
        for unit in table.units {
            let grades = (table.grades[unit] ?? [:]).filter { kept.contains($0.key) }.map(\.value)
            guard !grades.isEmpty else { continue }
            let modal = CoEvalGrade.allCases.map { grade in grades.count { $0 == grade } }.max() ?? 0
            guard Double(modal) / Double(grades.count) >= agreementThreshold - 1e-9 else { continue }
            result[unit] = grades.map(\.value).reduce(0, +) / Double(grades.count)
        }
        return result
    }

    /// Each response's robust score: the mean over its kept units (response id → 0…1).
    func robustScores(_ units: [CoEvalGradeTable.Unit: Double]) -> [String: Double] {
        var sums: [String: (Double, Int)] = [:]
        for unit in table.units {
            guard let value = units[unit] else { continue }
            let (sum, count) = sums[unit.responseID] ?? (0, 0)
            sums[unit.responseID] = (sum + value, count + 1)
        }
        return sums.mapValues { $0.0 / Double($0.1) }
    }

    /// Students by their robust mean, beside the plain one.
    func robustSummary() -> CoEvalTable {
        let units = robustUnits()
        let robust = robustScores(units)
        var rows = analysis.students.map { student -> (String, Double?, Double?, Int) in
            let values = robust.keys.sorted().compactMap { id in table.subjects[id]?.student == student ? robust[id] : nil }
            let plain = analysis.leaderboard()?.standings.first { $0.student == student }?.mean
            return (student, plain, values.isEmpty ? nil : values.reduce(0, +) / Double(values.count), values.count)
        }
        rows.sort { ($0.2 ?? -1, $1.0) > ($1.2 ?? -1, $0.0) }
        return CoEvalTable(
            name: "robust-summary", title: "Robust summary",
            note: "Only the judges \(robustJudges.joined(separator: ", ")) (the better-agreeing half, plus judges whose agreement "
                + "cannot be measured), and only (response, criterion) units where at least "
                + String(format: "%.0f%%", agreementThreshold * 100) + " of them gave the same grade "
                + "(\(units.count) of \(table.units.count) units kept).",
            columns: ["student", "mean (all judges)", "robust mean", "responses kept"],
            rows: rows.map { [.text($0.0), .number($0.1), .number($0.2), .count($0.3)] })
    }

    /// Per task and attribute value: how many items were written with it.
    func attributeCoverage() -> CoEvalTable {
        var rows: [[CoEvalTable.Cell]] = []
        for task in analysis.tasks {
            let items = artifacts.items.filter { $0.task == task }
            guard let map = artifacts.attributeMap(forTask: task) else { continue }
            for (kind, attributes, sampled) in [
                ("target", map.target, items.map(\.sampledTarget)), ("nuanced", map.nuanced, items.map(\.sampledNuanced)),
            ] {
                for attribute in attributes {
                    for value in attribute.values {
                        let count = sampled.count { $0[attribute.name] == value }
                        rows.append([
                            .text(task), .text(kind), .text(attribute.name), .text(value), .count(count),
                            .number(items.isEmpty ? nil : Double(count) / Double(items.count)),
                        ])
                    }
                }
            }
        }
        return CoEvalTable(
            name: "attribute-coverage", title: "Attribute coverage",
            note: "Items written with each attribute value; a value with 0 items is not tested at all.",
            columns: ["task", "kind", "attribute", "value", "items", "share of task's items"], rows: rows)
    }
}
