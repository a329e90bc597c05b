import Foundation
import QuorumCore
import QuorumStore

extension CoEvalRunner {
    /// Phase 4: every student answers every item the run has.
    func responseUnits(_ session: CoEvalSession) async throws -> [CoEvalUnit] {
        let artifacts = try await store.coevalArtifacts(ofRun: session.runID)
        let tasks = Dictionary(setup.tasks.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        var all: [CoEvalUnit] = []
        for item in artifacts.items {
            guard let task = tasks[item.task] else { continue }
            for student in setup.students { all.append(responseUnit(item, task: task, student: student, runID: session.runID)) }
        }
        let existing = artifacts.responses.map { (id: $0.id, task: $0.task, model: $0.student) }
        return candidates(all, phase: .responseCollection, existing: existing)
    }

    private func responseUnit(_ item: CoEvalItem, task: CoEvalTaskConfig, student: String, runID: String) -> CoEvalUnit {
        var values = CoEvalPrompts.taskValues(task)
        values["input"] = item.prompt
        let prompt = CoEvalPrompts.render(setup.template(.responseCollection, for: task, model: student), values)
        let parameters = setup.parameters(of: student, as: .student)
        let store = store
        let id = "\(item.id).\(student)"
        return CoEvalUnit(phase: .responseCollection, id: id, task: task.name, model: student) { context in
            let record = try await context.call(
                student, ChatRequest(messages: [.user(prompt)], parameters: parameters), key: "reply")
            guard !record.response.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
                throw CoEvalMalformedReply(reason: "empty reply", reply: record.response)
            }
            let response = CoEvalResponse(
                itemID: item.id, task: item.task, teacher: item.teacher, student: student, text: record.response,
                usage: record.usage, cost: record.cost, latency: record.latency)
            try await store.saveCoEvalArtifact(response, runID: runID, phase: .responseCollection, id: id, task: item.task, model: student)
        }
    }
}
