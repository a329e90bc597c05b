extension ConfigValidator {
    /// `prompts:`, `scenarios:` and `experiment.grid`.
    mutating func checkGrid() {}
}
