import QuorumCore
import QuorumStore

extension CoEvalRunner {
    /// Phase 3: each teacher writes `total` items per task, item n from the attribute combination
    /// the sampler picks for (task, teacher, n). A task without attributes (every teacher's
    /// proposal rejected) gets no units: its items stay gaps.
    func itemUnits(_ session: CoEvalSession) async throws -> [CoEvalUnit] {
        let artifacts = try await store.coevalArtifacts(ofRun: session.runID)
        var all: [CoEvalUnit] = []
        for task in setup.tasks {
            guard let map = artifacts.attributeMap(forTask: task.name) else {
                logger.warning("no attributes for task; its items are left undone", metadata: ["task": "\(task.name)"])
                continue
            }
            for teacher in setup.teachers {
                for n in 1...max(1, task.total) {
                    all.append(itemUnit(task, teacher: teacher, n: n, map: map, runID: session.runID))
                }
            }
        }
        let existing = artifacts.items.map { (id: $0.id, task: $0.task, model: $0.teacher) }
        return candidates(all, phase: .dataGeneration, existing: existing)
    }

    private func itemUnit(_ task: CoEvalTaskConfig, teacher: String, n: Int, map: CoEvalAttributeMap, runID: String) -> CoEvalUnit {
        let sampler = CoEvalSampler(seed: setup.seed)
        let target = sampler.withLabels(
            sampler.sample(map.target, range: task.sampling?.target, task: task.name, teacher: teacher, n: n, salt: "target"),
            labels: task.labelAttributes ?? [], from: map.target, task: task.name, teacher: teacher, n: n)
        let nuanced = sampler.sample(map.nuanced, range: task.sampling?.nuance, task: task.name, teacher: teacher, n: n, salt: "nuance")
        var values = CoEvalPrompts.taskValues(task)
        values["target_attributes"] = Self.describe(target, order: map.target)
        values["nuanced_attributes"] = Self.describe(nuanced, order: map.nuanced)
        let prompt = CoEvalPrompts.render(setup.template(.dataGeneration, for: task, model: teacher), values)
        let parameters = setup.parameters(of: teacher, as: .teacher)
        let store = store
        let id = "\(task.name).\(teacher).\(n)"
        return CoEvalUnit(phase: .dataGeneration, id: id, task: task.name, model: teacher) { context in
            let record = try await context.askJSON(teacher, prompt: prompt, schema: CoEvalSchemas.item, parameters: parameters)
            let written = try context.read(record, CoEvalReplies.item)
            let item = CoEvalItem(
                id: id, task: task.name, teacher: teacher, prompt: written.prompt, referenceResponse: written.reference,
                sampledTarget: target, sampledNuanced: nuanced, cost: record.cost)
            try await store.saveCoEvalArtifact(item, runID: runID, phase: .dataGeneration, id: id, task: task.name, model: teacher)
        }
    }

    /// `{"complexity": "simple"}` in the attributes' written order; `none` when empty.
    static func describe(_ sampled: [String: String], order: [CoEvalAttribute]) -> String {
        guard !sampled.isEmpty else { return "none" }
        return CoEvalPrompts.jsonText(order.compactMap { attribute in sampled[attribute.name].map { (attribute.name, $0) } })
    }
}
