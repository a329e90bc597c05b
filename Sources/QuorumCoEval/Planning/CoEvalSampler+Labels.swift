extension CoEvalSampler {
    /// `sampled` with every label attribute present: an item without its label could not be scored,
    /// so a label the range left out gets a value drawn from its own seeded stream (the other
    /// attributes keep the values they were sampled with).
    func withLabels(
        _ sampled: [String: String], labels: [String], from attributes: [CoEvalAttribute], task: String, teacher: String, n: Int
    ) -> [String: String] {
        var result = sampled
        for label in labels where result[label] == nil {
            guard let attribute = attributes.first(where: { $0.name == label }), !attribute.values.isEmpty else { continue }
            let hash = Self.stableHash("\(seed)|\(task)|\(teacher)|\(n)|label|\(label)")
            result[label] = attribute.values[Int(hash % UInt64(attribute.values.count))]
        }
        return result
    }
}
