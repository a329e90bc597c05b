import Foundation
import QuorumEvaluation

extension CoEvalReport {
    /// The overall board as a bar chart with 95% whiskers, a student × criterion matrix, and a table per board.
    func leaderboardSection() -> String {
        guard let overall = analysis.leaderboard(), overall.standings.contains(where: { $0.mean != nil }) else {
            return "<section id=\"leaderboard\"><h2>Student leaderboard</h2><p class=\"note\">No graded responses yet: run phase 5 (evaluation).</p></section>"
        }
        let tables = analysis.leaderboards.map { board -> String in
            let open = board.task == nil ? " open" : ""
            return "<details class=\"board\"\(open)><summary>\(HTMLText.escape(board.title))</summary>\(boardTable(board))</details>"
        }.joined(separator: "\n")
        return """
            <section id="leaderboard"><h2>Student leaderboard</h2>
            <p class="muted">Mean ensemble grade per item (0–1); bars are 95% bootstrap intervals over items.</p>
            \(leaderboardChart(overall))\(criterionMatrix())\(tables)</section>
            """
    }

    func boardTable(_ board: CoEvalLeaderboard) -> String {
        let rows = board.standings.map { s in
            "<tr data-student=\"\(HTMLText.escape(s.student))\"><td class=\"num\">\(s.rank.map(String.init) ?? "–")</td><td>\(HTMLText.escape(s.student))</td>"
                + "<td class=\"num\">\(Self.number(s.mean))</td><td class=\"num\">\(s.interval.map { "\(Self.number($0.lower95))–\(Self.number($0.upper95))" } ?? "–")</td>"
                + "<td class=\"num\">\(s.items)</td></tr>"
        }.joined()
        return "<table class=\"leaderboard\" data-task=\"\(HTMLText.escape(board.task ?? ""))\" data-criterion=\"\(HTMLText.escape(board.criterion ?? ""))\">"
            + "<thead><tr><th class=\"num\">rank</th><th>student</th><th class=\"num\">mean</th><th class=\"num\">95% CI</th><th class=\"num\">items</th></tr></thead><tbody>\(rows)</tbody></table>"
    }

    func leaderboardChart(_ board: CoEvalLeaderboard) -> String {
        let rows = board.standings.filter { $0.mean != nil }
        let width = 720.0, left = 160.0, right = 80.0, rowHeight = 30.0
        let height = Double(rows.count) * rowHeight + 36
        let x = SVGScale(domain: 0...1, from: left, to: width - right)
        var svg = "<svg id=\"chart-leaderboard\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" role=\"img\" aria-label=\"student leaderboard\">"
        for tick in x.ticks(4) {
            svg += "<line x1=\"\(HTMLText.number(x(tick)))\" x2=\"\(HTMLText.number(x(tick)))\" y1=\"4\" y2=\"\(HTMLText.number(height - 24))\" stroke=\"#d0d7de\"/>"
            svg += "<text class=\"label\" x=\"\(HTMLText.number(x(tick)))\" y=\"\(HTMLText.number(height - 8))\" text-anchor=\"middle\">\(HTMLText.number(tick))</text>"
        }
        for (index, standing) in rows.enumerated() {
            let top = 6 + Double(index) * rowHeight, mean = standing.mean ?? 0
            let color = HTMLReport.palette[index % HTMLReport.palette.count]
            svg += "<text x=\"\(left - 8)\" y=\"\(HTMLText.number(top + 15))\" text-anchor=\"end\">\(HTMLText.escape(standing.student))</text>"
            svg += "<rect class=\"bar\" data-student=\"\(HTMLText.escape(standing.student))\" data-mean=\"\(mean)\" x=\"\(left)\" y=\"\(HTMLText.number(top + 3))\" width=\"\(HTMLText.number(x(mean) - left))\" height=\"18\" fill=\"\(color)\"><title>\(HTMLText.escape(standing.student)): \(Self.number(mean))</title></rect>"
            if let interval = standing.interval {
                svg += "<line class=\"errorbar\" x1=\"\(HTMLText.number(x(interval.lower95)))\" x2=\"\(HTMLText.number(x(interval.upper95)))\" y1=\"\(HTMLText.number(top + 12))\" y2=\"\(HTMLText.number(top + 12))\" stroke=\"#111\" stroke-width=\"2\"/>"
            }
            svg += "<text class=\"label\" x=\"\(HTMLText.number(width - right + 8))\" y=\"\(HTMLText.number(top + 15))\">\(Self.number(mean))</text>"
        }
        return svg + "</svg>"
    }

    /// Students down, (task, criterion) across: each cell the student's mean grade there.
    func criterionMatrix() -> String {
        let boards = analysis.leaderboards.filter { $0.task != nil }
        guard !boards.isEmpty else { return "" }
        let header = boards.map { board in
            "<th class=\"num\">\(HTMLText.escape(board.task ?? ""))<br>\(HTMLText.escape(board.criterion ?? "all criteria"))</th>"
        }.joined()
        let rows = analysis.students.map { student in
            "<tr><td>\(HTMLText.escape(student))</td>" + boards.map { board in
                Self.tintedCell(board.standings.first { $0.student == student }?.mean)
            }.joined() + "</tr>"
        }.joined()
        return "<h3>By task and criterion</h3><table id=\"criterion-matrix\" class=\"matrix\"><thead><tr><th>student</th>\(header)</tr></thead><tbody>\(rows)</tbody></table>"
    }
}
