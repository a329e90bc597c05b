import QuorumCore
import QuorumStore

extension CoEvalRunner {
    /// Phase 5: every judge grades every response against its task's merged rubric: one call for
    /// every criterion (`single`) or one per criterion (`per_factor`).
    func evaluationUnits(_ session: CoEvalSession) async throws -> [CoEvalUnit] {
        let artifacts = try await store.coevalArtifacts(ofRun: session.runID)
        let tasks = Dictionary(setup.tasks.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        let items = Dictionary(artifacts.items.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var all: [CoEvalUnit] = []
        for response in artifacts.responses {
            guard let task = tasks[response.task], let item = items[response.itemID],
                let rubric = artifacts.rubric(forTask: task.name), !rubric.criteria.isEmpty
            else { continue }
            let judged = setup.judgedRubric(of: task, rubric: rubric)
            for judge in setup.judges where !judged.criteria.isEmpty {
                all.append(evaluationUnit(response, item: item, task: task, rubric: judged, judge: judge, runID: session.runID))
            }
            all += metricUnits(
                response, item: item, task: task, rubric: rubric, map: artifacts.attributeMap(forTask: task.name), runID: session.runID)
        }
        let existing = artifacts.evaluations.map { (id: $0.id, task: $0.task, model: $0.judge) }
        return candidates(all, phase: .evaluation, existing: existing)
    }

    private func evaluationUnit(
        _ response: CoEvalResponse, item: CoEvalItem, task: CoEvalTaskConfig, rubric: CoEvalRubric, judge: String, runID: String
    ) -> CoEvalUnit {
        var values = CoEvalPrompts.taskValues(task)
        values["input"] = item.prompt
        values["reference_response"] = item.referenceResponse
        values["response"] = response.text
        let template = setup.template(.evaluation, for: task, model: judge)
        // per_factor asks the same question once per criterion, with a one-criterion rubric.
        let groups = task.isPerFactor ? rubric.criteria.map { [$0] } : [rubric.criteria]
        let requests = groups.map { criteria -> (key: String, prompt: String, names: [String]) in
            var filled = values
            filled["rubric"] = criteria.map { "- \($0.name): \($0.description)" }.joined(separator: "\n")
            filled["example"] = CoEvalPrompts.jsonText(criteria.map { ($0.name, "High") })
            let key = task.isPerFactor ? "criterion-\(criteria[0].name)" : "reply"
            return (key, CoEvalPrompts.render(template, filled), criteria.map(\.name))
        }
        let parameters = setup.parameters(of: judge, as: .judge)
        let store = store
        return CoEvalUnit(phase: .evaluation, id: "\(response.id).\(judge)", task: task.name, model: judge) { context in
            var scores: [String: CoEvalGrade] = [:]
            var cost = USD.zero
            var problems: [CoEvalMalformedReply] = []
            for request in requests {
                let record = try await context.askJSON(
                    judge, prompt: request.prompt, schema: CoEvalSchemas.grades(request.names), parameters: parameters,
                    key: request.key, role: .judge)
                cost += record.cost
                do {
                    let names = request.names
                    let grades = try context.read(record) { (reply: String) throws(CoEvalReplyProblem) in
                        try CoEvalReplies.grades(reply, criteria: names)
                    }
                    scores.merge(grades) { first, _ in first }
                } catch let problem as CoEvalMalformedReply {
                    problems.append(problem)
                }
            }
            // A criterion left ungraded is simply absent; a reply that graded nothing rejects the evaluation.
            guard !scores.isEmpty else {
                throw CoEvalMalformedReply(
                    reason: problems.map(\.reason).joined(separator: "; "), reply: problems.map(\.reply).joined(separator: "\n---\n"))
            }
            let evaluation = CoEvalEvaluation(
                responseID: response.id, itemID: item.id, task: task.name, teacher: item.teacher, student: response.student,
                judge: judge, scores: scores, cost: cost)
            try await store.saveCoEvalArtifact(evaluation, runID: runID, phase: .evaluation, id: evaluation.id, task: task.name, model: judge)
        }
    }
}
