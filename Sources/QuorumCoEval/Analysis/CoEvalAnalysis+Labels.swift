import QuorumEvaluation

extension CoEvalAnalysis {
    /// Label accuracy and macro F1 per (task, attribute, student) for `quorum coeval status`; per-class
    /// figures are in the report and its CSV.
    public func labelTable() -> TextTable {
        TextTable(
            header: ["task", "attribute", "student", "replies", "accuracy", "macro F1"],
            rows: labels.map { l in
                [l.task, l.attribute, l.student ?? "all", "\(l.responses)", Self.format(l.accuracy), Self.format(l.macroF1)]
            })
    }

    /// The labels section when a task has `label_attributes`, else nothing.
    var labelSections: [String] { labels.isEmpty ? [] : ["labels\n" + labelTable().rendered()] }
}
