import Foundation
import QuorumEvaluation

extension CoEvalReport {
    /// A few items, spread over tasks and teachers, each with its reference answer, every student's
    /// response, and every judge's grade per criterion.
    func sampleSection() -> String {
        let sample = sampledItems()
        guard !sample.isEmpty else {
            return "<section id=\"samples\"><h2>Sample items</h2><p class=\"note\">No items yet: run phase 3 (data generation).</p></section>"
        }
        return """
            <section id="samples"><h2>Sample items</h2>
            <p class="muted">\(sample.count) of \(artifacts.items.count) items, spread over tasks and teachers.</p>
            \(sample.map(itemDetails).joined(separator: "\n"))</section>
            """
    }

    /// Up to `sampleSize` items, taking one from each (task, teacher) in turn.
    func sampledItems() -> [CoEvalItem] {
        let sorted = artifacts.items.sorted { CoEvalExporter.itemOrder($0) < CoEvalExporter.itemOrder($1) }
        var groups: [[CoEvalItem]] = []
        var index: [String: Int] = [:]
        for item in sorted {
            let key = "\(item.task)\u{0}\(item.teacher)"
            if let position = index[key] { groups[position].append(item) } else {
                index[key] = groups.count
                groups.append([item])
            }
        }
        var sample: [CoEvalItem] = []
        var round = 0
        while sample.count < sampleSize, groups.contains(where: { $0.count > round }) {
            for group in groups where group.count > round && sample.count < sampleSize { sample.append(group[round]) }
            round += 1
        }
        return sample
    }

    func itemDetails(_ item: CoEvalItem) -> String {
        let attributes = (item.sampledTarget.merging(item.sampledNuanced) { first, _ in first }).sorted { $0.key < $1.key }
            .map { "\(HTMLText.escape($0.key))=\(HTMLText.escape($0.value))" }.joined(separator: " · ")
        let criteria = artifacts.rubric(forTask: item.task)?.criteria.map(\.name) ?? []
        let responses = artifacts.responses.filter { $0.itemID == item.id }.sorted { $0.student < $1.student }
        let answers = responses.map { response in
            """
            <h3>\(HTMLText.escape(response.student)) <span class="muted">\(response.cost.formatted) · \(String(format: "%.1fs", response.latency))</span></h3>
            <pre class="response">\(HTMLText.escape(response.text))</pre>\(gradeTable(response, criteria: criteria))
            """
        }.joined()
        return """
            <details class="item" id="\(HTMLText.anchor("item", item.id))"><summary>\(HTMLText.escape(item.id)) \
            <span class="muted">task \(HTMLText.escape(item.task)) · teacher \(HTMLText.escape(item.teacher))</span></summary>
            <p class="attrs">\(attributes)</p><h3>Prompt</h3><pre class="prompt">\(HTMLText.escape(item.prompt))</pre>
            <h3>Reference answer</h3><pre class="reference">\(HTMLText.escape(item.referenceResponse))</pre>
            \(answers.isEmpty ? "<p class=\"note\">No responses yet.</p>" : answers)</details>
            """
    }

    /// Judges down, criteria across, for one response.
    func gradeTable(_ response: CoEvalResponse, criteria: [String]) -> String {
        let evaluations = artifacts.evaluations.filter { $0.responseID == response.id }.sorted { $0.judge < $1.judge }
        guard !evaluations.isEmpty else { return "<p class=\"note\">Not graded yet.</p>" }
        let columns = criteria + Set(evaluations.flatMap(\.scores.keys)).subtracting(criteria).sorted()
        let header = columns.map { "<th>\(HTMLText.escape($0))</th>" }.joined()
        let rows = evaluations.map { evaluation in
            "<tr><td>\(HTMLText.escape(evaluation.judge))</td>"
                + columns.map { "<td>\(evaluation.scores[$0]?.rawValue ?? "–")</td>" }.joined()
                + "<td class=\"num\">\(Self.number(evaluation.meanScore))</td></tr>"
        }.joined()
        return "<table class=\"grades\"><thead><tr><th>judge</th>\(header)<th class=\"num\">mean</th></tr></thead><tbody>\(rows)</tbody></table>"
    }
}
