import QuorumEvaluation

/// `/runs/RUN/judge/NAME`: one answer at a time with the rubric beside it. The page is drawn by
/// `judging.js` from the desk's JSON; every cell is saved as it is judged.
struct JudgingPage {
    var desk: JudgingDesk

    func rendered() -> String {
        let runPath = "/runs/\(ViewQuery.segment(desk.run))"
        let body = """
            <h1>Judging <a href="\(runPath)">\(HTMLText.escape(desk.run))</a> <span class="muted">as <b id="judge-name">\(HTMLText.escape(desk.judge))</b> \
            · rubric \(HTMLText.escape(desk.rubric.label))</span></h1>
            <p id="progress" class="muted"></p>
            <div class="strip" id="cell-strip" aria-label="cells"></div>
            <div class="desk">
            <div><h2 id="cell-title"></h2><div id="cell-inputs"></div><h3>Answer</h3><pre id="candidate"></pre></div>
            <div><div id="rubric"></div>
            <h3><label for="comment">Comment</label></h3><textarea id="comment" placeholder="optional"></textarea>
            <p><button id="previous" type="button">← previous</button> <button id="save" class="primary" type="button">Save and next</button> \
            <button id="next" type="button">next →</button></p>
            <div id="save-status" role="status"></div><ul id="problems" class="problems"></ul>
            <p class="muted">Keys: <kbd>1</kbd>–<kbd>9</kbd> score the focused criterion · <kbd>↑</kbd> <kbd>↓</kbd> or <kbd>Tab</kbd> move between \
            criteria and flags · <kbd>f</kbd> toggles the focused flag (else the first) · <kbd>c</kbd> comment, <kbd>Esc</kbd> back · \
            <kbd>Enter</kbd> saves and goes to the next answer to judge · <kbd>←</kbd> <kbd>→</kbd> previous and next answer. \
            Flags you leave off are saved as no.</p>
            </div></div>
            <script type="application/json" id="judging-data">\(EmbeddedJSON.text(desk))</script>
            """
        return ViewPage(
            title: "Judging \(desk.run) as \(desk.judge)", body: body,
            trail: [(desk.run, runPath), ("judge", "\(runPath)/judge"), (desk.judge, "")], scripts: ["judging.js"]
        ).rendered()
    }
}
