import QuorumCore
import QuorumStore

extension CoEvalRunner {
    /// Phase 2: each teacher proposes a rubric for each task without one in YAML; a YAML rubric
    /// is stored as the merged rubric, with no call.
    func rubricUnits(_ session: CoEvalSession) async throws -> [CoEvalUnit] {
        let stored = try await store.coevalArtifacts(ofRun: session.runID).rubrics.map { (task: $0.task, teacher: $0.teacher) }
        return try await proposalUnits(
            .rubricMapping, session: session, stored: stored,
            given: { task in
                task.rubric?.given.map { given in
                    CoEvalRubric(task: task.name, criteria: given.map { CoEvalCriterion(name: $0.name, description: $0.text, metric: $0.metric) })
                }
            },
            unit: { rubricUnit($0, teacher: $1, runID: session.runID) })
    }

    private func rubricUnit(_ task: CoEvalTaskConfig, teacher: String, runID: String) -> CoEvalUnit {
        proposalUnit(.rubricMapping, task: task, teacher: teacher, runID: runID, schema: CoEvalSchemas.rubric) {
            (reply: String) throws(CoEvalReplyProblem) in
            CoEvalRubric(task: task.name, teacher: teacher, criteria: try CoEvalReplies.rubric(reply))
        }
    }

    /// Stores, for each task without a YAML rubric, the union of the teachers' criteria (by name,
    /// the first description kept).
    func mergeRubrics(_ session: CoEvalSession) async throws {
        let artifacts = try await store.coevalArtifacts(ofRun: session.runID)
        for task in setup.tasks where setup.asksForRubric(task) {
            let proposals = artifacts.rubrics.filter { $0.task == task.name && $0.teacher != nil }
                .sorted { setup.teacherOrder($0.teacher) < setup.teacherOrder($1.teacher) }
            guard !proposals.isEmpty else { continue }
            var criteria: [CoEvalCriterion] = []
            for criterion in proposals.flatMap(\.criteria) {
                let key = ReplyJSON.normalized(criterion.name)
                if !criteria.contains(where: { ReplyJSON.normalized($0.name) == key }) { criteria.append(criterion) }
            }
            let merged = CoEvalRubric(task: task.name, criteria: criteria)
            guard !artifacts.rubrics.contains(merged) else { continue }
            try await store.saveCoEvalArtifact(merged, runID: session.runID, phase: .rubricMapping, id: task.name, task: task.name, model: nil)
        }
    }
}
