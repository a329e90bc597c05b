extension ConfigValidator {
    /// `rubrics:` and what refers to them (rubric judges, `experiment.rubric`).
    mutating func checkRubrics() {}
}
