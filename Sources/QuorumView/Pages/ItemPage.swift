import Foundation
import QuorumCore
import QuorumEvaluation
import QuorumOrchestration
import QuorumStore

/// `/runs/RUN/item?id=ITEM`: the question, the reference, each system's answer and its whole
/// trace (every call's prompt, output, tokens, cost and latency; every verdict), folded in
/// `<details>`; and every judgment the item received.
struct ItemPage {
    var view: ItemView

    func rendered() -> String {
        let runPath = "/runs/\(ViewQuery.segment(view.run.id))"
        var html = "<h1>\(HTMLText.escape(view.itemID)) <span class=\"muted\">run \(HTMLText.escape(view.run.id))</span></h1>"
        html += "<p>" + [("previous", view.previous, "← "), ("next", view.next, "")].compactMap { label, id, arrow in
            id.map { "<a id=\"\(label)-item\" href=\"\(HTMLText.escape(ViewQuery.link("\(runPath)/item", [("id", $0)])))\">\(arrow)\(label) item</a>" }
        }.joined(separator: " · ") + "</p>"
        html += "<section id=\"question\"><h2>Question</h2>" + view.question.map { message -> String in
            "<b>\(message.role.rawValue)</b><pre>\(HTMLText.escape(message.content))</pre>"
        }.joined() + "</section>"
        if let reference = view.reference { html += "<section id=\"reference\"><h2>Reference</h2><pre>\(HTMLText.escape(reference))</pre></section>" }
        html += view.records.map(systemSection).joined()
        html += judgmentsSection() + verdictsSection()
        return ViewPage(title: "\(view.itemID) · \(view.run.id)", body: html, trail: [(view.run.id, runPath), (view.itemID, "")])
            .rendered()
    }

    private func systemSection(_ record: ItemRecord) -> String {
        var facts = [record.status.rawValue]
        if let passed = record.passed { facts.append(passed ? "✓ passed" : "✗ not passed") }
        if let score = record.score { facts.append("score \(HTMLText.number(score))") }
        if let level = record.level { facts.append("level \(level)") }
        facts.append("\(record.answerCost.formatted) answer + \(record.judgeCost.formatted) judge")
        if let latency = record.latency { facts.append(String(format: "%.2fs", latency)) }
        let anchor = HTMLText.anchor("system", record.system)
        var html = "<section class=\"system\" id=\"\(anchor)\"><h2>\(HTMLText.escape(record.system))</h2><p class=\"meta\">\(HTMLText.escape(facts.joined(separator: " · ")))</p>"
        if let note = record.note { html += "<p class=\"fail\">\(HTMLText.escape(note))</p>" }
        html += record.answer.map { "<pre class=\"answer\">\(HTMLText.escape($0))</pre>" } ?? "<p class=\"note\">No answer.</p>"
        if let trace = record.trace {
            let calls = trace.calls
            html += """
                <details class="trace" id="\(HTMLText.anchor("trace", record.system))"><summary>Trace: \(calls.count) call\(calls.count == 1 ? "" : "s") · \
                \(trace.usage.totalTokens) tokens · \((trace.answerCost + trace.judgeCost).formatted) · \
                \(String(format: "%.2fs", calls.map(\.latency).reduce(0, +))) in calls</summary>\(HTMLReport.node(trace))</details>
                """
        }
        return html + "</section>"
    }

    private func judgmentsSection() -> String {
        guard !view.judgments.isEmpty else { return "" }
        let rows = view.judgments.map { judgment -> String in
            let scores = judgment.scores.sorted { $0.key < $1.key }.map { "\($0.key) \(HTMLText.number($0.value))" }
            let flags = judgment.flags.sorted { $0.key < $1.key }.filter(\.value).map(\.key)
            return "<tr><td>\(HTMLText.escape(judgment.system))</td><td>\(HTMLText.escape(judgment.judge))</td><td>\(judgment.kind == .human ? "person" : "LLM")</td>"
                + "<td>\(HTMLText.escape(judgment.rubric))</td><td class=\"num\">\(HTMLText.number(judgment.composite))</td>"
                + "<td>\(HTMLText.escape(scores.joined(separator: ", ")))</td><td>\(HTMLText.escape(flags.joined(separator: ", ")))</td>"
                + "<td>\(HTMLText.escape(judgment.comment ?? ""))</td></tr>"
        }.joined()
        return """
            <section id="judgments"><h2>Rubric judgments</h2><table><thead><tr><th>system</th><th>judge</th><th>by</th><th>rubric</th>\
            <th class="num">composite</th><th>scores</th><th>flags set</th><th>comment</th></tr></thead><tbody>\(rows)</tbody></table></section>
            """
    }

    private func verdictsSection() -> String {
        guard !view.verdicts.isEmpty else { return "" }
        let rows = view.verdicts.sorted { ($0.judge, $0.system, $0.order.rawValue) < ($1.judge, $1.system, $1.order.rawValue) }.map { verdict -> String in
            let shownFirst = verdict.order == .systemFirst ? verdict.system : verdict.baseline
            return "<tr><td>\(HTMLText.escape(verdict.judge))</td><td>\(HTMLText.escape(verdict.system)) vs \(HTMLText.escape(verdict.baseline))</td>"
                + "<td>\(HTMLText.escape(shownFirst))</td><td>\(verdict.labelForSystem?.rawValue ?? "unreadable")</td></tr>"
        }.joined()
        return """
            <section id="pairwise-verdicts"><h2>Pairwise verdicts</h2><p class="muted">Labels read from the first-named system's side (A = it).</p>\
            <table><thead><tr><th>judge</th><th>pair</th><th>shown first</th><th>verdict</th></tr></thead><tbody>\(rows)</tbody></table></section>
            """
    }
}
