import QuorumEvaluation
import QuorumStore

/// `/runs/RUN/ab`: who judges which two systems blind, and the A/B games people gave so far.
struct PairwiseChooserPage {
    var run: RunRecord
    /// People's games so far: (person, system, baseline, games).
    var sessions: [(judge: String, system: String, baseline: String, games: Int)]

    func rendered() -> String {
        let path = "/runs/\(ViewQuery.segment(run.id))/ab"
        let systems = run.systems
        let listed = sessions.map { session -> String in
            let link = ViewQuery.link("\(path)/\(ViewQuery.segment(session.judge))", [("a", session.system), ("b", session.baseline)])
            return "<li><a href=\"\(HTMLText.escape(link))\">\(HTMLText.escape(session.judge))</a>: \(HTMLText.escape(session.system)) and "
                + "\(HTMLText.escape(session.baseline)) · \(session.games) judged</li>"
        }
        let body = """
            <h1>Blind A/B on <a href="/runs/\(ViewQuery.segment(run.id))">\(HTMLText.escape(run.id))</a></h1>
            <p class="muted">Two systems' answers to the same question, in an order drawn per question; you say which is better. \
            Each choice is stored as a pairwise verdict under <code>human:NAME</code>.</p>
            <form class="inline" id="ab-form" method="get" action="\(path)"><label>Your name <input name="name" required autofocus></label>\
            \(ViewForm.select("a", systems, chosen: systems.first, any: nil)) and \(ViewForm.select("b", systems, chosen: systems.dropFirst().first, any: nil))\
            <button class="primary" type="submit">Start</button></form>
            \(listed.isEmpty ? "" : "<h2>So far</h2><ul id=\"sessions\">\(listed.joined())</ul>")
            """
        return ViewPage(title: "A/B \(run.id)", body: body, trail: [(run.id, "/runs/\(ViewQuery.segment(run.id))"), ("A/B", "")]).rendered()
    }
}
