extension ConfigValidator {
    /// `coeval.batch` vendors and per-model `batch: true`: a vendor without a batch API here is
    /// accepted with a warning, since its calls still run (live, concurrently, at list price).
    mutating func checkCoEvalBatch() {
        for (vendor, phases) in (config.coeval?.batch ?? [:]).sorted(by: { $0.key < $1.key }) {
            let path = "coeval.batch.\(vendor)"
            checkWord(vendor, in: BatchVocabulary.vendors + BatchVocabulary.liveVendors, at: path, what: "batch vendor")
            let asked = CoEvalBatchPhases.CodingKeys.allCases.contains { phases.includes(phaseKey: $0.rawValue) }
            if asked, BatchVocabulary.liveVendors.contains(vendor) {
                warning(path, "\(vendor) has no batch discount here: its calls run live as concurrent calls, at list price")
            }
        }
        for (index, model) in config.models.enumerated() where model.batch == true && model.batchVendor == nil {
            warning(
                "models[\(index)].batch",
                "'\(model.name)' (provider \(model.provider)) has no batch API here: its calls run live as concurrent calls, with no discount")
        }
    }
}
