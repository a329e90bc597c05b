extension ConfigValidator {
    /// A judge's calls are charged as judge cost, so the judge of a score, pairwise or rubric judge
    /// is a model, never a system.
    mutating func checkJudgeModels() {
        for (index, judge) in config.judges.enumerated() {
            guard let kind = judge.kind, [JudgeKind.score, .pairwise, .rubric].contains(kind), let model = judge.model,
                systemNames.contains(model)
            else { continue }
            error("judges[\(index)].model", "'\(model)' is a system; a \(judge.type) judge needs a model (its calls are charged as judge cost)")
        }
    }

    /// Reports a reference to a judge whose kind cannot serve where it is named (`for` says where,
    /// as in "a debate needs a score judge"). Unknown names are `checkReference`'s to report.
    mutating func checkJudgeKind(_ name: String?, in kinds: Set<JudgeKind>, at path: String, for use: String) {
        guard let name, let judge = config.judge(named: name), let kind = judge.kind, !kinds.contains(kind) else { return }
        var wanted = JudgeKind.allCases.filter(kinds.contains).map(\.rawValue)
        let last = wanted.popLast() ?? ""
        let list = wanted.isEmpty ? last : wanted.joined(separator: ", ") + " or " + last
        error(path, "'\(name)' is a \(judge.type) judge; \(use) needs a \(list) judge")
    }
}
