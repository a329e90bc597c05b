import QuorumEvaluation
import QuorumStore

/// `/runs/RUN/judge`: who is judging. Each person judges under their own name; the people who
/// already have are listed with how many answers each judged.
struct JudgeChooserPage {
    var run: RunRecord
    var progress: RunJudging.Progress
    /// Person → answers judged with the run's rubric.
    var judged: [(judge: String, cells: Int)]

    func rendered() -> String {
        let path = "/runs/\(ViewQuery.segment(run.id))/judge"
        let people = judged.map { "<li><a href=\"\(path)/\(ViewQuery.segment($0.judge))\">\(HTMLText.escape($0.judge))</a> · \($0.cells) judged</li>" }
        let body = """
            <h1>Judge <a href="/runs/\(ViewQuery.segment(run.id))">\(HTMLText.escape(run.id))</a> by hand</h1>
            <p>Rubric <b>\(HTMLText.escape(progress.rubric))</b> · \(progress.judged) of \(progress.answered) answers judged by people.</p>
            <form class="inline" id="judge-form" method="get" action="\(path)"><label>Your name <input name="name" required autofocus></label>\
            <button class="primary" type="submit">Start judging</button></form>
            \(people.isEmpty ? "" : "<h2>Judges so far</h2><ul id=\"judges\">\(people.joined())</ul>")
            <p class="muted">The same judgments as <code>quorum judge export</code> / <code>apply</code>: saved to the run's store as you go, \
            one per answer and person; <code>quorum leaderboard \(HTMLText.escape(run.id))</code> shows them.</p>
            """
        return ViewPage(title: "Judge \(run.id)", body: body, trail: [(run.id, "/runs/\(ViewQuery.segment(run.id))"), ("judge", "")]).rendered()
    }
}
