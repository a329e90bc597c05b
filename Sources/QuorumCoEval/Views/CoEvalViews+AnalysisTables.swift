extension CoEvalViews {
    /// Every table of the report, the analysis's own first, then the views: what `--csv` writes.
    public var allTables: [CoEvalTable] { analysisTables + tables }

    /// The analysis's tables (leaderboards, agreement, teacher quality, coverage, labels) as CSV-ready values.
    public var analysisTables: [CoEvalTable] {
        var tables = [leaderboardTable(), agreementPairsTable(), teacherQualityTable(), coverageTable()]
        if !analysis.labels.isEmpty { tables += labelTables() }
        return tables
    }

    func leaderboardTable() -> CoEvalTable {
        let rows = analysis.leaderboards.flatMap { board in
            board.standings.map { s -> [CoEvalTable.Cell] in
                [
                    .text(board.task ?? "all"), .text(board.criterion ?? "all"), .count(s.rank), .text(s.student),
                    .number(s.mean), .number(s.interval?.lower95), .number(s.interval?.upper95), .count(s.items),
                ]
            }
        }
        return CoEvalTable(
            name: "leaderboards", title: "Leaderboards",
            columns: ["task", "criterion", "rank", "student", "mean", "lower 95%", "upper 95%", "items"], rows: rows)
    }

    func agreementPairsTable() -> CoEvalTable {
        let rows = analysis.agreement.pairs.map { p -> [CoEvalTable.Cell] in
            [
                .text(p.judgeA), .text(p.judgeB), .count(p.sharedUnits), .number(p.pearson), .number(p.spearman),
                .number(p.exactAgreement), .number(p.weightedAgreement), .number(p.kappa), .text(p.note ?? ""),
            ]
        }
        return CoEvalTable(
            name: "judge-agreement", title: "Judge agreement",
            columns: ["judge A", "judge B", "shared units", "Pearson", "Spearman", "exact", "weighted", "Cohen's kappa", "note"],
            rows: rows)
    }

    func teacherQualityTable() -> CoEvalTable {
        let rows = analysis.teacherQuality.map { t -> [CoEvalTable.Cell] in
            [
                .count(t.rank), .text(t.teacher), .count(t.items), .count(t.gradedResponses), .number(t.meanScore),
                .number(t.variance), .number(t.spread), .number(t.range), .number(t.discrimination),
            ]
        }
        return CoEvalTable(
            name: "teacher-quality", title: "Teacher quality",
            columns: ["rank", "teacher", "items", "graded responses", "mean", "variance (V1)", "spread (S2)", "range (R3)", "discrimination"],
            rows: rows)
    }

    func coverageTable() -> CoEvalTable {
        let rows = analysis.coverage.tasks.map { t -> [CoEvalTable.Cell] in
            [
                .text(t.task), .count(t.attributes), .count(t.criteria), .count(t.items), .count(t.responses),
                .count(t.expectedResponses), .count(t.evaluations), .count(t.expectedEvaluations), .count(t.missingGrades),
            ]
        }
        return CoEvalTable(
            name: "coverage", title: "Coverage",
            columns: ["task", "attributes", "criteria", "items", "responses", "expected responses", "evaluations",
                "expected evaluations", "blank grades"],
            rows: rows)
    }

    func labelTables() -> [CoEvalTable] {
        let accuracy = analysis.labels.map { l -> [CoEvalTable.Cell] in
            [.text(l.task), .text(l.attribute), .text(l.student ?? "all"), .count(l.responses), .number(l.accuracy), .number(l.macroF1)]
        }
        let classes = analysis.labels.filter { $0.student == nil }.flatMap { l in
            l.classes.map { c -> [CoEvalTable.Cell] in
                [
                    .text(l.task), .text(l.attribute), .text(c.label), .count(c.support), .count(c.predicted), .number(c.precision),
                    .number(c.recall), .number(c.f1),
                ]
            }
        }
        return [
            CoEvalTable(
                name: "label-accuracy", title: "Label accuracy",
                columns: ["task", "attribute", "student", "replies", "accuracy", "macro F1"], rows: accuracy),
            CoEvalTable(
                name: "label-classes", title: "Label classes",
                columns: ["task", "attribute", "class", "support", "predicted", "precision", "recall", "F1"], rows: classes),
        ]
    }
}
