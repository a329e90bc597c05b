extension CoEvalReport {
    /// The views beside the leaderboards (distributions, role reports, teacher × student, judge
    /// consistency and drift, attribute coverage, robust summary); each is also a CSV with `--csv`.
    func viewsSection() -> String {
        guard !artifacts.evaluations.isEmpty || !artifacts.items.isEmpty else { return "" }
        let views = CoEvalViews(artifacts: artifacts, analysis: analysis)
        return "<section id=\"views\"><h2>Analysis views</h2>" + views.tables.map(\.html).joined(separator: "\n") + "</section>"
    }
}
