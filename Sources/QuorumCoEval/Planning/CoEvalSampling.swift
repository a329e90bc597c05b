import Foundation
import QuorumCore
import QuorumOrchestration

/// `--estimate-samples N`: N real calls per model, each with the prompt of the phase it makes the
/// most calls in (teachers write an item, students answer, judges grade), through the normal model
/// path (ledger, limits, cost). Measures mean output tokens, prompt tokens against the
/// characters / 4 heuristic, and latency; the planner extrapolates from them.
public struct CoEvalSampling: Sendable {
    public var setup: CoEvalSetup
    public var samples: Int

    public init(setup: CoEvalSetup, samples: Int) {
        self.setup = setup
        self.samples = samples
    }

    /// Calls every included model `samples` times (one model at a time, its calls in sequence, so latencies are not queued).
    public func measure(models: [String: any ChatModel]) async throws -> [String: CoEvalSampleMeasurement] {
        guard samples > 0, let task = setup.tasks.first else { return [:] }
        let context = RunContext(models: models, ledger: SpendingLedger(budget: setup.config.coeval?.budgetUSD))
        var result: [String: CoEvalSampleMeasurement] = [:]
        for model in setup.allModels where setup.includes(model) {
            guard let role = CoEvalRole.allCases.last(where: { setup.models(for: $0).contains(model) }) else { continue }
            let request = request(for: role, model: model, task: task)
            let heuristic = Double(request.messages.map(\.content.count).reduce(0, +)) / 4
            var records: [CallRecord] = []
            for index in 0..<samples {
                try Task.checkCancellation()
                records.append(try await context.call(model, request, key: "estimate-\(index)", role: role == .judge ? .judge : .answer))
            }
            let count = Double(records.count)
            result[model] = CoEvalSampleMeasurement(
                calls: records.count,
                promptScale: heuristic > 0 ? records.map { Double($0.usage.promptTokens) }.reduce(0, +) / count / heuristic : 1,
                completionTokens: records.map { Double($0.usage.completionTokens) }.reduce(0, +) / count,
                latency: records.map(\.latency).reduce(0, +) / count, cost: records.map(\.cost).sum())
        }
        return result
    }

    /// The phase prompt a model of `role` sends most often, filled with stand-ins where a run would have artifacts.
    func request(for role: CoEvalRole, model: String, task: CoEvalTaskConfig) -> ChatRequest {
        var values = CoEvalPrompts.taskValues(task)
        let parameters = setup.parameters(of: model, as: role)
        switch role {
        case .teacher:
            let first = { (config: CoEvalAttributesConfig?) in
                (config?.given ?? []).prefix(2).map { "\($0.name): \($0.values.first ?? "")" }.joined(separator: ", ")
            }
            values["target_attributes"] = first(task.targetAttributes).isEmpty ? "none" : first(task.targetAttributes)
            values["nuanced_attributes"] = first(task.nuancedAttributes).isEmpty ? "none" : first(task.nuancedAttributes)
            let prompt = CoEvalPrompts.render(setup.template(.dataGeneration, for: task, model: model), values)
            return ChatRequest(messages: [.user(prompt)], parameters: parameters, responseFormat: .jsonObject(schema: CoEvalSchemas.item))
        case .student:
            values["input"] = "Give one short example answer for this task."
            let prompt = CoEvalPrompts.render(setup.template(.responseCollection, for: task, model: model), values)
            return ChatRequest(messages: [.user(prompt)], parameters: parameters)
        case .judge:
            let criteria = task.rubric?.given?.map { ($0.name, $0.text) } ?? [("accuracy", "The answer is correct.")]
            values["input"] = "A sample question for this task."
            values["reference_response"] = "A sample reference answer."
            values["response"] = "A sample response to grade."
            values["rubric"] = criteria.map { "- \($0.0): \($0.1)" }.joined(separator: "\n")
            values["example"] = CoEvalPrompts.jsonText(criteria.map { ($0.0, "High") })
            let prompt = CoEvalPrompts.render(setup.template(.evaluation, for: task, model: model), values)
            return ChatRequest(
                messages: [.user(prompt)], parameters: parameters,
                responseFormat: .jsonObject(schema: CoEvalSchemas.grades(criteria.map(\.0))))
        }
    }
}
