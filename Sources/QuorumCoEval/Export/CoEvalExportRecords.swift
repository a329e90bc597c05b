import Foundation

/// CoEval's record for each artifact, field for field as its phases write them
/// (`runner/phases/phase3.py` … `phase5.py`, `runner/storage.py`).
struct CoEvalExportRecords {
    var artifacts: CoEvalArtifacts
    /// Quorum item id → CoEval datapoint id.
    var datapointIDs: [String: String]
    var timestamp: (Date) -> String

    init(_ artifacts: CoEvalArtifacts) {
        self.artifacts = artifacts
        datapointIDs = Dictionary(
            artifacts.items.map { ($0.id, CoEvalExporter.datapointID(itemID: $0.id, task: $0.task, teacher: $0.teacher)) },
            uniquingKeysWith: { first, _ in first })
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        timestamp = { formatter.string(from: $0) }
    }

    func datapointID(_ itemID: String, task: String, teacher: String) -> String {
        datapointIDs[itemID] ?? CoEvalExporter.datapointID(itemID: itemID, task: task, teacher: teacher)
    }

    /// `{task}.target_attrs.json` / `.nuanced_attrs.json`: attribute → values.
    static func attributes(_ list: [CoEvalAttribute]) -> CoEvalExportJSON {
        .object(list.map { ($0.name, .array($0.values.map(CoEvalExportJSON.string))) })
    }

    /// `{task}.rubric.json`: criterion → description.
    static func rubric(_ rubric: CoEvalRubric) -> CoEvalExportJSON {
        .object(rubric.criteria.map { ($0.name, .string($0.description)) })
    }

    /// One line of `{task}.{teacher}.datapoints.jsonl`.
    func datapoint(_ item: CoEvalItem) -> CoEvalExportJSON {
        var fields: [(String, CoEvalExportJSON)] = [
            ("id", .string(datapointID(item.id, task: item.task, teacher: item.teacher))), ("task_id", .string(item.task)),
            ("teacher_model_id", .string(item.teacher)),
            ("sampled_target_attributes", CoEvalExportJSON.sortedStrings(item.sampledTarget)), ("prompt", .string(item.prompt)),
            ("reference_response", .string(item.referenceResponse)), ("generated_at", .string(timestamp(item.createdAt))),
        ]
        if !item.sampledNuanced.isEmpty { fields.append(("sampled_nuanced_attributes", CoEvalExportJSON.sortedStrings(item.sampledNuanced))) }
        return .object(fields)
    }

    /// One line of `{task}.{teacher}.{student}.responses.jsonl`.
    func response(_ response: CoEvalResponse, prompt: String) -> CoEvalExportJSON {
        let datapoint = datapointID(response.itemID, task: response.task, teacher: response.teacher)
        return .object([
            ("id", .string("\(datapoint)__\(response.student)")), ("datapoint_id", .string(datapoint)),
            ("task_id", .string(response.task)), ("teacher_model_id", .string(response.teacher)),
            ("student_model_id", .string(response.student)), ("input", .string(prompt)), ("response", .string(response.text)),
            ("token_count", .int(response.usage.completionTokens)), ("generated_at", .string(timestamp(response.createdAt))),
        ])
    }

    /// One line of `{task}.{teacher}.{judge}.evaluations.jsonl`; grades in rubric order.
    func evaluation(_ evaluation: CoEvalEvaluation, criteria: [String]) -> CoEvalExportJSON {
        let datapoint = datapointID(evaluation.itemID, task: evaluation.task, teacher: evaluation.teacher)
        let responseID = "\(datapoint)__\(evaluation.student)"
        let order = criteria.filter { evaluation.scores[$0] != nil } + evaluation.scores.keys.filter { !criteria.contains($0) }.sorted()
        return .object([
            ("id", .string("\(responseID)__\(evaluation.judge)")), ("response_id", .string(responseID)),
            ("datapoint_id", .string(datapoint)), ("task_id", .string(evaluation.task)),
            ("teacher_model_id", .string(evaluation.teacher)), ("judge_model_id", .string(evaluation.judge)),
            ("scores", .object(order.map { ($0, .string(evaluation.scores[$0]!.rawValue)) })),
            ("evaluated_at", .string(timestamp(evaluation.createdAt))),
        ])
    }
}
