import QuorumCore
import QuorumStore

extension CoEvalRunner {
    /// The shape phases 1-2 share: a task whose input is written in YAML gets it stored as the
    /// merged artifact (no call); every other task gets one proposal unit per teacher, filtered by
    /// the phase's mode against what is `stored` (task, teacher; `nil` for merged ones).
    func proposalUnits<Artifact: Encodable & Sendable>(
        _ phase: CoEvalPhase, session: CoEvalSession, stored: [(task: String, teacher: String?)],
        given: (CoEvalTaskConfig) -> Artifact?, unit: (CoEvalTaskConfig, String) -> CoEvalUnit
    ) async throws -> [CoEvalUnit] {
        var all: [CoEvalUnit] = []
        for task in setup.tasks {
            guard let artifact = given(task) else {
                all += setup.teachers.map { unit(task, $0) }
                continue
            }
            if !stored.contains(where: { $0.task == task.name && $0.teacher == nil }) {
                try await store.saveCoEvalArtifact(artifact, runID: session.runID, phase: phase, id: task.name, task: task.name, model: nil)
            }
        }
        let existing = stored.map { entry in
            (id: entry.teacher.map { "\(entry.task).\($0)" } ?? entry.task, task: entry.task, model: entry.teacher ?? "")
        }
        return candidates(all, phase: phase, existing: existing)
    }

    /// One teacher's proposal for one task: the phase's prompt, a JSON reply read by `read`, stored as `{task}.{teacher}`.
    func proposalUnit<Artifact: Encodable & Sendable>(
        _ phase: CoEvalPhase, task: CoEvalTaskConfig, teacher: String, runID: String, schema: JSONValue,
        read: @escaping @Sendable (String) throws(CoEvalReplyProblem) -> Artifact
    ) -> CoEvalUnit {
        let prompt = CoEvalPrompts.render(setup.template(phase, for: task, model: teacher), CoEvalPrompts.taskValues(task))
        let parameters = setup.parameters(of: teacher, as: .teacher)
        let store = store
        let id = "\(task.name).\(teacher)"
        return CoEvalUnit(phase: phase, id: id, task: task.name, model: teacher) { context in
            let record = try await context.askJSON(teacher, prompt: prompt, schema: schema, parameters: parameters)
            let artifact = try context.read(record, read)
            try await store.saveCoEvalArtifact(artifact, runID: runID, phase: phase, id: id, task: task.name, model: teacher)
        }
    }
}
