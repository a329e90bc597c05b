import Foundation
import QuorumEvaluation
import QuorumStore

/// `/`: every run, newest first, filtered by experiment, system and status; two runs can be
/// opened side by side from here.
struct RunsPage {
    var listings: [RunListing]
    var query: ViewQuery

    func rendered() -> String {
        let experiment = query["experiment"], system = query["system"], status = query["status"]
        let shown = listings.filter { listing in
            (experiment == nil || listing.run.name == experiment) && (system == nil || listing.run.systems.contains(system!))
                && (status == nil || listing.run.status.rawValue == status)
        }
        let body = """
            <h1>Runs</h1>
            \(filters(experiment: experiment, system: system, status: status))
            <p class="muted" id="run-count">\(shown.count) of \(listings.count) runs</p>
            \(table(shown))
            \(compareForm())
            """
        return ViewPage(title: "Runs", body: body).rendered()
    }

    private func filters(experiment: String?, system: String?, status: String?) -> String {
        let experiments = Set(listings.map(\.run.name)).sorted()
        let systems = Set(listings.flatMap(\.run.systems)).sorted()
        let statuses = [RunStatus.running, .completed, .stopped].map(\.rawValue)
        return """
            <form class="inline" id="run-filters" method="get" action="/">\
            \(ViewForm.select("experiment", experiments, chosen: experiment, any: "every experiment"))\
            \(ViewForm.select("system", systems, chosen: system, any: "every system"))\
            \(ViewForm.select("status", statuses, chosen: status, any: "any status"))\
            <button type="submit">Filter</button></form>
            """
    }

    private func table(_ shown: [RunListing]) -> String {
        guard !shown.isEmpty else {
            return "<p class=\"note\">No runs\(listings.isEmpty ? " in this store yet: `quorum run CONFIG` makes one" : " match these filters").</p>"
        }
        let formatter = ISO8601DateFormatter()
        let rows = shown.map { listing -> String in
            let run = listing.run
            return """
                <tr data-run="\(HTMLText.escape(run.id))"><td><a href="/runs/\(ViewQuery.segment(run.id))">\(HTMLText.escape(run.id))</a></td>\
                <td>\(HTMLText.escape(run.name))</td><td><span class="pill">\(run.status.rawValue)</span></td>\
                <td>\(HTMLText.escape(run.dataset))</td><td class="num">\(listing.answered)/\(listing.pairs)</td>\
                <td>\(HTMLText.escape(listing.quality))</td><td class="num">\(listing.spend.formatted)</td>\
                <td class="num">\(formatter.string(from: run.createdAt))</td></tr>
                """
        }.joined(separator: "\n")
        return """
            <table id="runs"><thead><tr><th>run</th><th>experiment</th><th>status</th><th>dataset</th><th class="num">answered</th>\
            <th>accuracy (or mean score) by system</th><th class="num">spend</th><th class="num">started (UTC)</th></tr></thead>
            <tbody>\(rows)</tbody></table>
            """
    }

    private func compareForm() -> String {
        guard listings.count > 1 else { return "" }
        let ids = listings.map(\.run.id)
        return """
            <h2>Side by side</h2><p class="muted">Two runs on the same items: each run's baseline (pick other systems on the next page).</p>
            <form class="inline" id="compare-runs" method="get" action="/compare">\
            \(ViewForm.select("a", ids, chosen: ids.first, any: nil)) against \(ViewForm.select("b", ids, chosen: ids.dropFirst().first, any: nil))\
            <button type="submit">Compare</button></form>
            """
    }
}
