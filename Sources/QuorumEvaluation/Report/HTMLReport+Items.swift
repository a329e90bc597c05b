import Foundation
import QuorumCore
import QuorumOrchestration
import QuorumStore

extension HTMLReport {
    /// Every item, every system's result side by side, filterable; the item id links to its trace.
    func itemSection() -> String {
        let c = comparison
        let header = c.systems.map { "<th>\(HTMLText.escape($0.system))</th>" }.joined()
        let rows = c.items.map(itemRow).joined(separator: "\n")
        var options = ["<option value=\"\">every item</option>", "<option value=\"disagree\">systems disagree</option>"]
        for system in c.systems {
            let name = HTMLText.escape(system.system)
            for tag in ["pass", "fail", "failed"] + (system.isBaseline ? [] : ["win", "tie", "loss"]) {
                options.append("<option value=\"\(name):\(tag)\">\(name): \(tag)</option>")
            }
        }
        return """
            <section id="item-table"><h2>Items</h2>
            <div class="filters"><input id="filter-text" type="search" placeholder="filter by text…" aria-label="filter items">\
            <select id="filter-status" aria-label="filter by result">\(options.joined())</select><span id="filter-count" class="muted"></span></div>
            <table id="items"><thead><tr><th>item</th><th>question</th>\(header)</tr></thead>
            <tbody>\(rows)</tbody></table></section>
            """
    }

    func itemRow(_ item: ItemComparison) -> String {
        var tags: [String] = []
        let passes = Set(item.results.compactMap(\.passed))
        if passes.count > 1 { tags.append("disagree") }
        let cells = comparison.systems.map { system -> String in
            guard let result = item.results.first(where: { $0.system == system.system }) else { return "<td>–</td>" }
            var parts: [String] = []
            if let passed = result.passed {
                tags.append("\(result.system):\(passed ? "pass" : "fail")")
                parts.append(passed ? "<span class=\"pass\">✓ pass</span>" : "<span class=\"fail\">✗ fail</span>")
            } else if let score = result.score {
                parts.append(String(format: "score %.2f", score))
            }
            if result.status != .answered {
                tags.append("\(result.system):failed")
                parts.append("<span class=\"fail\">\(result.status.rawValue)</span>")
            }
            if let outcome = result.outcome {
                tags.append("\(result.system):\(outcome)")
                parts.append("<span class=\"\(outcome)\" title=\"\(HTMLText.escape(result.labels ?? ""))\">\(outcome)</span>")
            }
            var facts: [String] = []
            if let level = result.level { facts.append("L\(level)") }
            facts.append(result.cost.formatted)
            if let latency = result.latency { facts.append(String(format: "%.1fs", latency)) }
            let answer = result.answer.map { "<div class=\"answer\">\(HTMLText.escape(Self.excerpt($0, 120)))</div>" } ?? ""
            return "<td class=\"answer\">\(parts.joined(separator: " ")) <span class=\"muted\">\(facts.joined(separator: " · "))</span>\(answer)</td>"
        }.joined()
        let anchor = HTMLText.anchor("trace", item.itemID)
        return "<tr data-item=\"\(HTMLText.escape(item.itemID))\" data-tags=\"\(HTMLText.escape(tags.joined(separator: " ")))\">"
            + "<td><a href=\"#\(anchor)\">\(HTMLText.escape(item.itemID))</a></td><td class=\"answer\">\(HTMLText.escape(Self.excerpt(item.prompt, 160)))</td>\(cells)</tr>"
    }

    /// Each item's full record: every system's trace (every call, verdict and cost) and the pairwise games.
    func traceSection() -> String {
        let records = Dictionary(grouping: source.items, by: \.itemID)
        let verdicts = Dictionary(grouping: source.verdicts.filter { $0.judge == comparison.judge && $0.baseline == comparison.baseline }, by: \.itemID)
        let blocks = comparison.items.map { item -> String in
            let systems = comparison.systems.compactMap { system in records[item.itemID]?.first { $0.system == system.system } }
            var html = "<details class=\"trace\" id=\"\(HTMLText.anchor("trace", item.itemID))\"><summary>\(HTMLText.escape(item.itemID)) — \(HTMLText.escape(Self.excerpt(item.prompt, 100)))</summary>"
            html += "<h4>Question</h4><pre>\(HTMLText.escape(item.prompt))</pre>"
            if let reference = item.reference { html += "<h4>Reference</h4><pre>\(HTMLText.escape(reference))</pre>" }
            for record in systems {
                html += "<h4>\(HTMLText.escape(record.system)) · \(record.status.rawValue) · \(record.totalCost.formatted)"
                    + (record.latency.map { String(format: " · %.2fs", $0) } ?? "") + "</h4>"
                if let note = record.note { html += "<p class=\"fail\">\(HTMLText.escape(note))</p>" }
                if let answer = record.answer { html += "<pre>\(HTMLText.escape(answer))</pre>" }
                if let trace = record.trace { html += Self.node(trace) }
            }
            let games = (verdicts[item.itemID] ?? []).sorted { ($0.system, $0.order.rawValue) < ($1.system, $1.order.rawValue) }
            if !games.isEmpty {
                html += "<h4>Pairwise games against \(HTMLText.escape(comparison.baseline))</h4>"
                for game in games {
                    let shown = game.order == .systemFirst ? "\(game.system) as A" : "\(game.baseline) as A"
                    html += "<div class=\"call judge\"><b>\(HTMLText.escape(game.system))</b> · \(HTMLText.escape(shown)) · verdict \(game.label?.rawValue ?? "unreadable")"
                        + " · \(game.call.model) · \(game.call.cost.formatted)" + Self.callDetails(game.call) + "</div>"
                }
            }
            return html + "</details>"
        }
        return "<section id=\"traces\"><h2>Traces</h2><p class=\"muted\">Every call, verdict and cost, per item. Follow an item's link in the table above.</p>\(blocks.joined(separator: "\n"))</section>"
    }

    /// One trace node and its subtree; each call's prompt and response folded in a `<details>`.
    package static func node(_ node: TraceNode) -> String {
        var html = ""
        if let call = node.call {
            html += "<div class=\"call\(call.role == .judge ? " judge" : "")\"><b>\(HTMLText.escape(call.model))</b> \(call.role.rawValue) · <code>\(HTMLText.escape(call.key))</code> · "
                + "\(call.usage.promptTokens)→\(call.usage.completionTokens) tokens · \(call.cost.formatted) · \(String(format: "%.2fs", call.latency))"
                + (call.replayed ? " · replayed" : "") + (call.error.map { " · <span class=\"fail\">\(HTMLText.escape($0))</span>" } ?? "")
                + Self.callDetails(call) + "</div>"
        } else if let verdict = node.verdict {
            var text = "\(node.label == "gate" ? "gate" : "verdict") \(verdict.judge): \(verdict.passed ? "passed" : "not passed")"
            if let score = verdict.score { text += String(format: ", score %.2f", score) }
            if let label = verdict.label { text += ", \(label)" }
            html += "<div class=\"call judge\">\(HTMLText.escape(text))"
                + (verdict.reasoning.map { "<pre>\(HTMLText.escape(Self.excerpt($0, 1500)))</pre>" } ?? "")
        } else {
            html += "<div class=\"node\"><span class=\"muted\">\(HTMLText.escape(node.kind.rawValue)) \(HTMLText.escape(node.label))</span>"
        }
        if let note = node.note { html += " <span class=\"muted\">— \(HTMLText.escape(note))</span>" }
        if node.call == nil {
            html += node.children.map(Self.node).joined() + "</div>"
        }
        return html
    }

    package static func callDetails(_ call: CallRecord) -> String {
        let messages = call.messages.map { "<b>\($0.role.rawValue)</b><pre>\(HTMLText.escape(Self.excerpt($0.content, 2000)))</pre>" }.joined()
        return "<details><summary>prompt and response</summary>\(messages)<b>response</b><pre>\(HTMLText.escape(Self.excerpt(call.response, 4000)))</pre></details>"
    }

    package static func excerpt(_ text: String, _ limit: Int) -> String {
        text.count <= limit ? text : String(text.prefix(limit)) + "…"
    }
}
