import QuorumEvaluation

/// `/runs/RUN/ab/NAME?a=SYSTEM&b=SYSTEM`: two answers to one question at a time, as "1" and "2"
/// in an order drawn per item, and five choices; which system wrote which is not in the page.
struct PairwisePage {
    var desk: PairwiseDesk

    func rendered() -> String {
        let runPath = "/runs/\(ViewQuery.segment(desk.run))"
        let buttons = PairwiseDesk.choices.enumerated().map { index, entry in
            "<button type=\"button\" data-choice=\"\(HTMLText.escape(entry.choice))\">\(Self.labels[index]) <kbd>\(index + 1)</kbd></button>"
        }.joined(separator: " ")
        let body = """
            <h1>Blind A/B on <a href="\(runPath)">\(HTMLText.escape(desk.run))</a> <span class="muted">as <b>\(HTMLText.escape(desk.judge))</b> · \
            \(HTMLText.escape(desk.system)) and \(HTMLText.escape(desk.baseline)), in an order drawn for each question</span></h1>
            <p id="progress" class="muted"></p><div class="strip" id="cell-strip"></div>
            <h2 id="cell-title"></h2><div id="cell-inputs"></div>
            <div class="answers"><div><h3>Answer 1</h3><pre id="first"></pre></div><div><h3>Answer 2</h3><pre id="second"></pre></div></div>
            <p class="choices">\(buttons)</p>
            <div id="save-status" role="status"></div><ul id="problems" class="problems"></ul>
            <p class="muted">Keys: <kbd>1</kbd>–<kbd>5</kbd> choose and go on · <kbd>←</kbd> <kbd>→</kbd> previous and next question.</p>
            <script type="application/json" id="pairwise-data">\(EmbeddedJSON.text(desk))</script>
            """
        return ViewPage(
            title: "A/B \(desk.run) as \(desk.judge)", body: body, trail: [(desk.run, runPath), ("A/B", "\(runPath)/ab"), (desk.judge, "")],
            scripts: ["pairwise.js"]
        ).rendered()
    }

    static let labels = ["1 much better", "1 better", "tie", "2 better", "2 much better"]
}
