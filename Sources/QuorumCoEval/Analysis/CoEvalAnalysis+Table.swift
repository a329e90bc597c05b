import Foundation
import QuorumCore
import QuorumEvaluation

extension CoEvalAnalysis {
    /// Everything `quorum coeval status` prints: coverage, leaderboards, judge agreement and
    /// teacher quality (the same value `--json` prints).
    public func renderedTables() -> String {
        var sections = progressSections()
        for board in leaderboards { sections.append("leaderboard · \(board.title)\n" + Self.table(board).rendered()) }
        sections += labelSections
        sections.append("judge agreement\n" + agreementTable().rendered() + "\n" + alphaLine())
        sections.append("teacher quality (how well items separate students)\n" + teacherTable().rendered())
        if !warnings.isEmpty { sections.append(warnings.map { "! " + $0 }.joined(separator: "\n")) }
        return sections.joined(separator: "\n\n")
    }

    /// The run line, coverage and cost: what both the long and the short form start with.
    func progressSections() -> [String] {
        [
            "coeval run \(runID) · \(tasks.count) tasks · \(teachers.count) teachers · \(students.count) students · \(judges.count) judges",
            "coverage\n" + coverageTable().rendered(),
            "cost by model\n" + costTable().rendered() + "\ntotal " + coverage.totalCost.formatted,
        ]
    }

    /// Per task: phase-by-phase counts.
    public func coverageTable() -> TextTable {
        TextTable(
            header: ["task", "attributes", "criteria", "items", "responses", "evaluations", "blank grades"],
            rows: coverage.tasks.map { task in
                [task.task, "\(task.attributes)", "\(task.criteria)", "\(task.items)",
                 "\(task.responses)/\(task.expectedResponses)", "\(task.evaluations)/\(task.expectedEvaluations)",
                 "\(task.missingGrades)"]
            })
    }

    /// Per (role, model): output and cost.
    public func costTable() -> TextTable {
        TextTable(
            header: ["role", "model", "produced", "cost"],
            rows: coverage.models.map { row in
                [row.role.rawValue, row.model, row.expected.map { "\(row.produced)/\($0)" } ?? "\(row.produced)", row.cost.formatted]
            })
    }

    /// One leaderboard: rank, student, mean with its 95% interval, items.
    public static func table(_ board: CoEvalLeaderboard) -> TextTable {
        TextTable(
            header: ["rank", "student", "mean", "95% CI", "items"],
            rows: board.standings.map { standing in
                [standing.rank.map(String.init) ?? "–", standing.student, format(standing.mean),
                 standing.interval.map { "\(format($0.lower95))–\(format($0.upper95))" } ?? "–", "\(standing.items)"]
            })
    }

    /// Judge pairs: shared units, correlations, agreement rates and kappa, and why a figure is missing.
    public func agreementTable() -> TextTable {
        TextTable(
            header: ["judge A", "judge B", "shared", "pearson", "spearman", "exact", "weighted", "kappa", "missing because"],
            rows: agreement.pairs.map { pair in
                [pair.judgeA, pair.judgeB, "\(pair.sharedUnits)", Self.format(pair.pearson), Self.format(pair.spearman),
                 Self.format(pair.exactAgreement), Self.format(pair.weightedAgreement), Self.format(pair.kappa), pair.note ?? ""]
            })
    }

    /// Krippendorff's alpha, or why there is none.
    public func alphaLine() -> String {
        if let note = agreement.alphaNote, agreement.alphaOrdinal == nil { return "Krippendorff's alpha: – (\(note))" }
        return "Krippendorff's alpha: ordinal \(Self.format(agreement.alphaOrdinal)), interval \(Self.format(agreement.alphaInterval)) over \(agreement.alphaUnits) (response, criterion) units"
    }

    /// Teachers ranked by CoEval's differentiation variance.
    public func teacherTable() -> TextTable {
        TextTable(
            header: ["rank", "teacher", "items", "graded", "mean score", "variance (V1)", "spread (S2)", "range (R3)", "discrimination"],
            // Best separating teacher first; unranked ones (nothing graded yet) last, in roster order.
            rows: teacherQuality.enumerated().sorted { ($0.element.rank ?? .max, $0.offset) < ($1.element.rank ?? .max, $1.offset) }
                .map(\.element).map { row in
                [row.rank.map(String.init) ?? "–", row.teacher, "\(row.items)", "\(row.gradedResponses)", Self.format(row.meanScore),
                 Self.format(row.variance, digits: 4), Self.format(row.spread), Self.format(row.range),
                 Self.format(row.discrimination)]
            })
    }

    static func format(_ value: Double?, digits: Int = 3) -> String {
        value.map { String(format: "%.\(digits)f", $0) } ?? "–"
    }
}

extension CoEvalAnalysis {
    /// The short form for `quorum coeval status`: coverage, cost, the overall and per-task
    /// boards, alpha and teacher ranks; per-criterion boards and judge pairs are left to
    /// `renderedTables()` and the report.
    public func renderedSummary() -> String {
        var sections = progressSections()
        for board in leaderboards where board.criterion == nil {
            sections.append("leaderboard · \(board.title)\n" + Self.table(board).rendered())
        }
        sections += labelSections
        sections.append(alphaLine())
        sections.append("teacher quality\n" + teacherTable().rendered())
        if !warnings.isEmpty { sections.append(warnings.map { "! " + $0 }.joined(separator: "\n")) }
        return sections.joined(separator: "\n\n")
    }
}
