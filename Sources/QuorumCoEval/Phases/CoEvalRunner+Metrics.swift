import Foundation
import QuorumCore
import QuorumStore

extension CoEvalRunner {
    /// Phase 5 without an LLM: for one response, an evaluation per metric its task's rubric names
    /// (every criterion with that metric, scored against the item's reference) and one by the label
    /// judge when the task has `label_attributes`. No call is made, so no quota or budget is spent.
    func metricUnits(
        _ response: CoEvalResponse, item: CoEvalItem, task: CoEvalTaskConfig, rubric: CoEvalRubric, map: CoEvalAttributeMap?,
        runID: String
    ) -> [CoEvalUnit] {
        let byMetric = Dictionary(grouping: setup.metricCriteria(of: task, rubric: rubric), by: { $0.metric })
        var units = CoEvalMetric.allCases.compactMap { metric -> CoEvalUnit? in
            guard let criteria = byMetric[metric]?.map(\.name) else { return nil }
            return unit(response, item: item, judge: metric.judgeName, runID: runID) {
                var values: [String: Double] = [:]
                let value = await metric.score(response.text, reference: item.referenceResponse)
                for criterion in criteria { values[criterion] = value }
                return (values, nil)
            }
        }
        let labels = (task.labelAttributes ?? []).compactMap { name in item.sampledTarget[name].map { (name, $0) } }
        if !labels.isEmpty {
            let classes = Dictionary((map?.target ?? []).map { ($0.name, $0.values) }, uniquingKeysWith: { first, _ in first })
            units.append(unit(response, item: item, judge: CoEvalMetric.labelJudge, runID: runID) {
                var values: [String: Double] = [:], predicted: [String: String] = [:]
                for (attribute, expected) in labels {
                    let label = CoEvalLabelReader.label(of: response.text, classes: classes[attribute] ?? [expected])
                    predicted[attribute] = label
                    values[CoEvalSetup.labelCriterion(attribute)] = CoEvalLabelReader.matches(label, expected: expected) ? 1 : 0
                }
                return (values, predicted)
            })
        }
        return units
    }

    private func unit(
        _ response: CoEvalResponse, item: CoEvalItem, judge: String, runID: String,
        score: @escaping @Sendable () async -> (values: [String: Double], labels: [String: String]?)
    ) -> CoEvalUnit {
        let store = store
        return CoEvalUnit(phase: .evaluation, id: "\(response.id).\(judge)", task: item.task, model: judge) { _ in
            let (values, labels) = await score()
            var evaluation = CoEvalEvaluation(
                responseID: response.id, itemID: item.id, task: item.task, teacher: item.teacher, student: response.student,
                judge: judge, scores: values.mapValues(CoEvalMetric.grade))
            evaluation.metricValues = values
            evaluation.predictedLabels = labels
            try await store.saveCoEvalArtifact(evaluation, runID: runID, phase: .evaluation, id: evaluation.id, task: item.task, model: judge)
        }
    }
}
