extension CoEvalRubric {
    /// The criteria `judge` is expected to grade: a metric judge (`metric:NAME`) its metric's
    /// criteria, the label judge none of the rubric's, an LLM judge those no metric scores.
    /// Coverage counts blank grades against this, not against the whole rubric.
    public func criteria(gradedBy judge: String) -> [String] {
        guard judge.hasPrefix(CoEvalMetric.judgePrefix) else { return criteria.filter { $0.metric == nil }.map(\.name) }
        let metric = String(judge.dropFirst(CoEvalMetric.judgePrefix.count))
        return criteria.filter { $0.metric == metric }.map(\.name)
    }
}
