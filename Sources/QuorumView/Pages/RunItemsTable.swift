import Foundation
import QuorumEvaluation
import QuorumStore

/// The run page's items: every system's result per item, narrowed by a search and by the
/// filters wrong only, escalated only and category (all in the query, so a view can be linked).
struct RunItemsTable {
    var view: RunView
    var query: ViewQuery
    /// Rows drawn at most; the filters find the rest.
    static let limit = 500

    func rendered() -> String {
        let comparison = view.comparison
        let shown = comparison.items.filter(matches)
        let header = comparison.systems.map { "<th>\(HTMLText.escape($0.system))</th>" }.joined()
        let rows = shown.prefix(Self.limit).map(row).joined(separator: "\n")
        let more = shown.count > Self.limit ? "<p class=\"note\">The first \(Self.limit) are shown: narrow the filters to see the others.</p>" : ""
        return """
            <section id="item-table"><h2>Items</h2>\(filters())
            <p class="muted" id="item-count">\(shown.count) of \(comparison.items.count) items</p>
            <table id="items"><thead><tr><th>item</th><th>question</th><th>category</th>\(header)</tr></thead>
            <tbody>\(rows)</tbody></table>\(more)</section>
            """
    }

    private func filters() -> String {
        let categories = Set(view.categories.values).sorted()
        let category = categories.isEmpty ? "" : ViewForm.select("category", categories, chosen: query["category"], any: "every category")
        return """
            <form class="inline filters" id="item-filters" method="get" action="/runs/\(ViewQuery.segment(view.run.id))">\
            <input type="search" name="q" value="\(HTMLText.escape(query["q"] ?? ""))" placeholder="search questions and answers…" aria-label="search">\
            <label><input type="checkbox" name="wrong" value="1"\(query["wrong"] == nil ? "" : " checked")> wrong only</label>\
            <label><input type="checkbox" name="escalated" value="1"\(query["escalated"] == nil ? "" : " checked")> escalated only</label>\
            \(category)<button type="submit">Filter</button></form>
            """
    }

    func matches(_ item: ItemComparison) -> Bool {
        if query["wrong"] != nil, !item.results.contains(where: Self.isWrong) { return false }
        if query["escalated"] != nil, !item.results.contains(where: { ($0.level ?? 1) > 1 }) { return false }
        if let category = query["category"], view.categories[item.itemID] != category { return false }
        if let text = query["q"]?.lowercased() {
            let haystack = [item.itemID, item.prompt, item.reference ?? ""] + item.results.map { $0.answer ?? "" }
            return haystack.contains { $0.lowercased().contains(text) }
        }
        return true
    }

    /// Failed, or answered and judged wrong (not passed, or a score under one half).
    static func isWrong(_ result: ItemResult) -> Bool {
        result.status == .failed || result.passed == false || (result.passed == nil && (result.score ?? 1) < 0.5)
    }

    private func row(_ item: ItemComparison) -> String {
        let cells = view.comparison.systems.map { system -> String in
            guard let result = item.results.first(where: { $0.system == system.system }) else { return "<td>–</td>" }
            return "<td class=\"answer\">\(Self.mark(result)) <span class=\"muted\">\(Self.facts(result))</span>"
                + (result.answer.map { "<div>\(HTMLText.escape(HTMLReport.excerpt($0, 100)))</div>" } ?? "") + "</td>"
        }.joined()
        let link = ViewQuery.link("/runs/\(ViewQuery.segment(view.run.id))/item", [("id", item.itemID)])
        return "<tr data-item=\"\(HTMLText.escape(item.itemID))\"><td><a href=\"\(HTMLText.escape(link))\">\(HTMLText.escape(item.itemID))</a></td>"
            + "<td class=\"answer\">\(HTMLText.escape(HTMLReport.excerpt(item.prompt, 140)))</td>"
            + "<td>\(HTMLText.escape(view.categories[item.itemID] ?? ""))</td>\(cells)</tr>"
    }

    /// ✓ / ✗ / a score / the status of an item not answered.
    static func mark(_ result: ItemResult) -> String {
        if result.status != .answered { return "<span class=\"fail\">\(result.status.rawValue)</span>" }
        if let passed = result.passed { return passed ? "<span class=\"pass\">✓</span>" : "<span class=\"fail\">✗</span>" }
        if let score = result.score { return "score \(HTMLText.number(score))" }
        return ""
    }

    /// `L2 · $0.0001 · 1.2s`.
    static func facts(_ result: ItemResult) -> String {
        var facts: [String] = []
        if let level = result.level { facts.append("L\(level)") }
        facts.append(result.cost.formatted)
        if let latency = result.latency { facts.append(String(format: "%.1fs", latency)) }
        return facts.joined(separator: " · ")
    }
}
