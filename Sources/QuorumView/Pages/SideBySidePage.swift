import QuorumCore
import QuorumEvaluation
import QuorumStore

/// `/compare?a=RUN&as=SYSTEM&b=RUN&bs=SYSTEM`: two systems' answers to the same items, rows whose
/// verdicts differ highlighted and the words that differ marked; `only=diff` keeps the rows
/// where anything differs.
struct SideBySidePage {
    var comparison: SideBySide
    var runIDs: [String]
    var query: ViewQuery

    func rendered() -> String {
        let shown = comparison.rows.filter(matches)
        let body = """
            <h1>Side by side</h1>\(form())\(summary())
            <p class="muted" id="row-count">\(shown.count) of \(comparison.rows.count) items</p>
            <table id="side-by-side"><thead><tr><th>item</th><th>question</th><th>\(HTMLText.escape(label(comparison.left)))</th>\
            <th>\(HTMLText.escape(label(comparison.right)))</th></tr></thead><tbody>\(shown.map(row).joined(separator: "\n"))</tbody></table>
            """
        return ViewPage(title: "Side by side", body: body, trail: [("side by side", "")]).rendered()
    }

    private func label(_ side: SideBySide.Side) -> String {
        comparison.left.run.id == comparison.right.run.id ? side.system : "\(side.system) · \(side.run.id)"
    }

    private func matches(_ row: SideBySide.Row) -> Bool {
        if query["only"] == "diff", !row.answersDiffer, !row.correctnessDiffers { return false }
        guard let text = query["q"]?.lowercased() else { return true }
        return [row.itemID, row.prompt, row.left?.answer ?? "", row.right?.answer ?? ""].contains { $0.lowercased().contains(text) }
    }

    private func form() -> String {
        let systems = Array(Set(comparison.left.run.systems + comparison.right.run.systems)).sorted()
        return """
            <form class="inline" id="side-by-side-form" method="get" action="/compare">\
            \(ViewForm.select("a", runIDs, chosen: comparison.left.run.id, any: nil))\(ViewForm.select("as", systems, chosen: comparison.left.system, any: nil)) against \
            \(ViewForm.select("b", runIDs, chosen: comparison.right.run.id, any: nil))\(ViewForm.select("bs", systems, chosen: comparison.right.system, any: nil))\
            <label><input type="checkbox" name="only" value="diff"\(query["only"] == "diff" ? " checked" : "")> differences only</label>\
            <input type="search" name="q" value="\(HTMLText.escape(query["q"] ?? ""))" placeholder="search…" aria-label="search">\
            <button type="submit">Show</button></form>
            """
    }

    /// Each side's totals, then how often they agree.
    private func summary() -> String {
        let sides = [comparison.left, comparison.right].map { side -> String in
            "<tr><td>\(HTMLText.escape(side.system))</td><td><a href=\"/runs/\(ViewQuery.segment(side.run.id))\">\(HTMLText.escape(side.run.id))</a></td>"
                + "<td class=\"num\">\(side.answered)/\(side.records.count)</td><td class=\"num\">\(HTMLText.percent(side.accuracy))</td>"
                + "<td class=\"num\">\(side.cost.formatted)</td></tr>"
        }.joined()
        var counts = (both: 0, left: 0, right: 0, neither: 0)
        for row in comparison.rows {
            switch (row.left?.correct, row.right?.correct) {
            case (true?, true?): counts.both += 1
            case (true?, false?): counts.left += 1
            case (false?, true?): counts.right += 1
            case (false?, false?): counts.neither += 1
            default: break
            }
        }
        let differing = comparison.rows.count(where: \.answersDiffer)
        return """
            <table class="summary" id="sides"><thead><tr><th>system</th><th>run</th><th class="num">answered</th><th class="num">accuracy</th>\
            <th class="num">spend</th></tr></thead><tbody>\(sides)</tbody></table>
            <p id="agreement">Both right \(counts.both) · only \(HTMLText.escape(label(comparison.left))) right \(counts.left) · \
            only \(HTMLText.escape(label(comparison.right))) right \(counts.right) · both wrong \(counts.neither) · \
            answers differ on \(differing) of \(comparison.rows.count) items</p>
            """
    }

    private func row(_ row: SideBySide.Row) -> String {
        var left = row.left?.answer.map(HTMLText.escape) ?? "", right = row.right?.answer.map(HTMLText.escape) ?? ""
        if row.answersDiffer, let a = row.left?.answer, let b = row.right?.answer, let marked = WordDiff.marked(a, b) {
            (left, right) = marked
        }
        let link = ViewQuery.link("/runs/\(ViewQuery.segment((row.left ?? row.right)!.runID))/item", [("id", row.itemID)])
        return "<tr data-item=\"\(HTMLText.escape(row.itemID))\"\(row.correctnessDiffers ? " class=\"differs\"" : "")>"
            + "<td><a href=\"\(HTMLText.escape(link))\">\(HTMLText.escape(row.itemID))</a></td>"
            + "<td class=\"answer\">\(HTMLText.escape(HTMLReport.excerpt(row.prompt, 140)))</td>"
            + "<td class=\"answer\">\(Self.verdict(row.left))<div class=\"text\">\(left)</div></td>"
            + "<td class=\"answer\">\(Self.verdict(row.right))<div class=\"text\">\(right)</div></td></tr>"
    }

    private static func verdict(_ record: ItemRecord?) -> String {
        guard let record else { return "<span class=\"muted\">not in this run</span>" }
        if record.status != .answered { return "<span class=\"fail\">\(record.status.rawValue)</span>" }
        switch record.correct {
        case true?: return "<span class=\"pass\">✓</span>"
        case false?: return "<span class=\"fail\">✗</span>"
        case nil: return ""
        }
    }
}
