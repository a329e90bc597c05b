import QuorumEvaluation
import QuorumStore

/// `/runs/RUN`: the report's table, leaderboard and charts, live; the ways to judge the run by
/// hand; and its items, searchable and filtered.
struct RunPage {
    var view: RunView
    var query: ViewQuery

    func rendered() -> String {
        let report = view.report
        var sections = [report.header(), actions(), report.summaryTable(), report.leaderboardSection(), report.costQualityChart(),
                        report.funnelSection()]
        if view.comparison.judge != nil { sections.append(report.pairwiseSection()) }
        sections.append(RunItemsTable(view: view, query: query).rendered())
        sections.append("""
            <details id="config"><summary>Configuration (as stored with the run; secrets redacted)</summary>\
            <pre>\(HTMLText.escape(view.configText))</pre></details>
            """)
        return ViewPage(title: "\(view.run.name) · \(view.run.id)", body: sections.joined(separator: "\n"), trail: [(view.run.id, path)])
            .rendered()
    }

    var path: String { "/runs/\(ViewQuery.segment(view.run.id))" }

    /// Judging by hand, and the side-by-side view of two of its systems.
    private func actions() -> String {
        var parts: [String] = []
        if let progress = view.progress {
            parts.append("""
                <a id="judge-link" href="\(path)/judge">Judge with rubric \(HTMLText.escape(progress.rubric))</a> \
                <span class="muted">\(progress.judged)/\(progress.answered) answers judged by people\
                \(progress.judges.isEmpty ? "" : " (\(HTMLText.escape(progress.judges.joined(separator: ", "))))")</span>
                """)
        }
        let systems = view.run.systems
        if systems.count > 1 {
            parts.append("<a id=\"ab-link\" href=\"\(path)/ab\">Judge two systems blind (A/B)</a>")
            parts.append("""
                <form class="inline" id="compare-systems" method="get" action="/compare"><input type="hidden" name="a" value="\(HTMLText.escape(view.run.id))">\
                Side by side: \(ViewForm.select("as", systems, chosen: systems[0], any: nil)) and \
                \(ViewForm.select("bs", systems, chosen: systems[1], any: nil))<button type="submit">Compare</button></form>
                """)
        }
        return parts.isEmpty ? "" : "<section id=\"actions\">" + parts.map { "<p>\($0)</p>" }.joined() + "</section>"
    }
}
