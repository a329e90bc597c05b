import Foundation
import QuorumEvaluation

extension CoEvalReport {
    /// Per (task, label attribute): accuracy and macro F1 per student, then precision, recall and F1
    /// per class over every student. Empty when no task has `label_attributes`.
    func labelSection() -> String {
        let labels = analysis.labels
        guard !labels.isEmpty else { return "" }
        let summary = labels.map { l -> String in
            "<tr><td>\(HTMLText.escape(l.task))</td><td>\(HTMLText.escape(l.attribute))</td><td>\(HTMLText.escape(l.student ?? "all students"))</td>"
                + "<td class=\"num\">\(l.responses)</td><td class=\"num\">\(Self.number(l.accuracy))</td><td class=\"num\">\(Self.number(l.macroF1))</td></tr>"
        }.joined()
        let classes = labels.filter { $0.student == nil }.flatMap { l -> [String] in
            l.classes.map { c -> String in
                "<tr><td>\(HTMLText.escape(l.task))</td><td>\(HTMLText.escape(l.attribute))</td><td>\(HTMLText.escape(c.label))</td>"
                    + "<td class=\"num\">\(c.support)</td><td class=\"num\">\(c.predicted)</td><td class=\"num\">\(Self.number(c.precision))</td>"
                    + "<td class=\"num\">\(Self.number(c.recall))</td><td class=\"num\">\(Self.number(c.f1))</td></tr>"
            }
        }.joined()
        return """
            <section id="labels"><h2>Labels</h2>
            <p class="muted">Replies read as a label and compared with the item's sampled value (exact match after \
            normalizing case and punctuation). Per class as scikit-learn's classification report (a ratio with nothing \
            to divide by counts 0); macro F1 is the unweighted mean over classes.</p>
            <table id="label-accuracy"><thead><tr><th>task</th><th>attribute</th><th>student</th><th class="num">replies</th>\
            <th class="num">accuracy</th><th class="num">macro F1</th></tr></thead><tbody>\(summary)</tbody></table>
            <table id="label-classes"><thead><tr><th>task</th><th>attribute</th><th>class</th><th class="num">support</th>\
            <th class="num">predicted</th><th class="num">precision</th><th class="num">recall</th><th class="num">F1</th></tr></thead>\
            <tbody>\(classes)</tbody></table></section>
            """
    }
}
