extension ConfigValidator {
    /// `rubrics:` and what refers to them (rubric judges, `experiment.rubric`).
    mutating func checkRubrics() {
        var ids: [String: Int] = [:]
        for (index, rubric) in config.rubrics.enumerated() {
            let path = "rubrics[\(index)]"
            if let first = ids[rubric.id] {
                error("\(path).id", "rubric '\(rubric.id)' is already defined at rubrics[\(first)]")
            } else {
                ids[rubric.id] = index
            }
            for problem in RubricCompiler(rubric).problems { error("\(path).\(problem.path)", problem.message) }
        }
        let rubricIDs = config.rubrics.map(\.id)
        for (index, judge) in config.judges.enumerated() where judge.type == "rubric" {
            checkRubricJudge(judge, at: "judges[\(index)]", among: rubricIDs)
        }
        checkReference(config.experiment?.rubric, among: rubricIDs, at: "experiment.rubric", what: "rubric")
    }

    /// A rubric judge scores with inline `criteria` or with a rubric of `rubrics:`, never both; a
    /// rubric brings its own scales and scores in one call.
    private mutating func checkRubricJudge(_ judge: JudgeConfig, at path: String, among ids: [String]) {
        guard let id = judge.rubric else { return }
        if judge.criteria != nil { error("\(path).rubric", "give criteria or rubric, not both") }
        checkReference(id, among: ids, at: "\(path).rubric", what: "rubric")
        if judge.scale != nil { error("\(path).scale", "a rubric has its own scales; the pass mark is a threshold on 0…1") }
        if judge.mode == "per_factor" { error("\(path).mode", "a judge with a rubric scores every criterion in one call") }
    }
}
