import QuorumEvaluation

extension CoEvalViews {
    /// One judge's consistency: how it ranks students against the ensemble, and how its grades move.
    struct JudgeConsistency {
        var judge: String
        /// Students both the judge and the ensemble scored.
        var students: Int
        var spearman: Double?
        /// Mean grade per window of items, first to last (`nil` for an empty window).
        var windowMeans: [Double?]
        /// Last window's mean minus the first's.
        var drift: Double?
    }

    func judgeConsistencyRows() -> [JudgeConsistency] {
        let ensemble = Dictionary(
            (analysis.leaderboard()?.standings ?? []).compactMap { s in s.mean.map { (s.student, $0) } },
            uniquingKeysWith: { first, _ in first })
        let order = Dictionary(artifacts.items.map { ($0.id, CoEvalExporter.itemOrder($0)) }, uniquingKeysWith: { first, _ in first })
        return analysis.judges.map { judge in
            let own = artifacts.evaluations.filter { $0.judge == judge && $0.meanScore != nil }
            var byStudent: [String: [Double]] = [:]
            for evaluation in own { byStudent[evaluation.student, default: []].append(evaluation.meanScore!) }
            let shared = byStudent.keys.filter { ensemble[$0] != nil }.sorted()
            let spearman = Correlation.spearman(
                shared.map { byStudent[$0]!.reduce(0, +) / Double(byStudent[$0]!.count) }, shared.map { ensemble[$0]! })
            // Item order (task, teacher, n), then the response, so windows follow the benchmark, not arrival.
            let ordered = own.sorted { lhs, rhs in
                let l = order[lhs.itemID], r = order[rhs.itemID]
                if let l, let r, l != r { return l < r }
                return lhs.responseID < rhs.responseID
            }
            let means = Self.windowMeans(ordered.map { $0.meanScore! }, windows: windows)
            let drift = means.first.flatMap { first in means.last.flatMap { last in first.flatMap { f in last.map { $0 - f } } } }
            return JudgeConsistency(judge: judge, students: shared.count, spearman: spearman, windowMeans: means, drift: drift)
        }
    }

    /// Splits `values` into `windows` consecutive parts as equal as can be (earlier parts take the
    /// remainder) and averages each.
    static func windowMeans(_ values: [Double], windows: Int) -> [Double?] {
        var means: [Double?] = []
        var start = 0
        for index in 0..<windows {
            let size = values.count / windows + (index < values.count % windows ? 1 : 0)
            let part = values[start..<(start + size)]
            means.append(part.isEmpty ? nil : part.reduce(0, +) / Double(part.count))
            start += size
        }
        return means
    }

    func judgeConsistency() -> CoEvalTable {
        let rows = judgeConsistencyRows().map { row -> [CoEvalTable.Cell] in
            [.text(row.judge), .count(row.students), .number(row.spearman)]
        }
        let pairs = analysis.agreement.pairs.map { pair -> [CoEvalTable.Cell] in
            [.text("\(pair.judgeA) · \(pair.judgeB)"), .count(pair.sharedUnits), .number(pair.spearman)]
        }
        return CoEvalTable(
            name: "judge-consistency", title: "Judge consistency (rank correlations)",
            note: "Each judge's ranking of students (its mean grade per student) against the ensemble's, then each pair of "
                + "judges over the (response, criterion) units both graded: Spearman's rho, ties at their average rank.",
            columns: ["judge or pair", "students or shared units", "Spearman"], rows: rows + pairs)
    }

    func judgeDrift() -> CoEvalTable {
        let rows = judgeConsistencyRows().map { row -> [CoEvalTable.Cell] in
            [.text(row.judge)] + row.windowMeans.map { .number($0) } + [.number(row.drift)]
        }
        return CoEvalTable(
            name: "judge-drift", title: "Judge drift over item windows",
            note: "Each judge's mean grade over \(windows) consecutive windows of its evaluations in item order; "
                + "drift is the last window minus the first.",
            columns: ["judge"] + (1...windows).map { "window \($0)" } + ["drift"], rows: rows)
    }
}
