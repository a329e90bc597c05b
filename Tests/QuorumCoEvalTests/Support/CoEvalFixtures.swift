import Foundation
import QuorumCore
@testable import QuorumCoEval
import QuorumEvaluation
import QuorumStore
import QuorumTesting
import Synchronization

/// A scripted CoEval model: answers each phase's prompt with a well-formed reply unless `script`
/// returns something else for it, and counts its calls per phase.
final class CoEvalScriptedModel: ChatModel {
    let name: String
    private let counts = Mutex<[CoEvalPhase: Int]>([:])
    private let script: @Sendable (CoEvalPhase, String, Int) -> String?

    /// `script(phase, prompt, callNumber)` may replace the reply (call numbers count from 1 per phase).
    init(_ name: String, script: @escaping @Sendable (CoEvalPhase, String, Int) -> String? = { _, _, _ in nil }) {
        self.name = name
        self.script = script
    }

    var calls: [CoEvalPhase: Int] { counts.withLock { $0 } }
    var totalCalls: Int { calls.values.reduce(0, +) }

    func complete(_ request: ChatRequest) async throws -> Completion {
        let prompt = request.messages.last?.content ?? ""
        let phase = Self.phase(of: prompt)
        let number = counts.withLock { counts in
            counts[phase, default: 0] += 1
            return counts[phase]!
        }
        let text = script(phase, prompt, number) ?? Self.wellFormed(phase, prompt: prompt, model: name)
        let usage = Usage(promptTokens: 10, completionTokens: 5)
        return Completion(text: text, usage: usage, cost: USD(string: "0.001")!, model: name)
    }

    static func phase(of prompt: String) -> CoEvalPhase {
        if prompt.contains("Propose the attributes") { return .attributeMapping }
        if prompt.contains("criteria to judge answers") { return .rubricMapping }
        if prompt.contains("Write one test item") { return .dataGeneration }
        if prompt.contains("Grade a response") { return .evaluation }
        return .responseCollection
    }

    static func wellFormed(_ phase: CoEvalPhase, prompt: String, model: String) -> String {
        switch phase {
        case .attributeMapping:
            #"{"target_attributes": {"difficulty": ["easy", "hard"], "topic": ["\#(model)"]}, "nuanced_attributes": {"tone": ["dry"]}}"#
        case .rubricMapping:
            #"{"accuracy": "Is right.", "\#(model)_style": "Reads well."}"#
        case .dataGeneration:
            #"{"prompt": "Question by \#(model)", "reference_response": "Answer by \#(model)"}"#
        case .responseCollection:
            "Answer from \(model)"
        case .evaluation:
            // Grades every criterion named in the rubric lines ("- name: description").
            "{" + prompt.split(separator: "\n").filter { $0.hasPrefix("- ") }.map { line in
                let name = line.dropFirst(2).split(separator: ":")[0]
                return "\"\(name)\": \"High\""
            }.joined(separator: ", ") + "}"
        }
    }
}

/// Builds CoEval configs and runners over scripted models and a temporary store.
struct CoEvalFixture {
    var config: QuorumConfig
    var models: [String: CoEvalScriptedModel]

    /// `teachers` × `students` × `judges` scripted models; two tasks with `total` items each.
    init(teachers: Int = 2, students: Int = 2, judges: Int = 2, total: Int = 2, perFactor: Bool = false,
         autoAttributes: Bool = true, autoRubric: Bool = true) {
        var modelConfigs: [ModelConfig] = []
        var models: [String: CoEvalScriptedModel] = [:]
        for (role, count) in [("teacher", teachers), ("student", students), ("judge", judges)] {
            for index in 1...max(count, 1) where count > 0 {
                var model = ModelConfig(name: "\(role)\(index)", provider: "openai", model: "m")
                model.roles = [role]
                modelConfigs.append(model)
                models[model.name] = CoEvalScriptedModel(model.name)
            }
        }
        config = QuorumConfig(models: modelConfigs)
        config.tasks = ["math", "poems"].map { name in
            var task = CoEvalTaskConfig(name: name, description: "The \(name) task.")
            task.outputDescription = "Short."
            task.targetAttributes = autoAttributes ? .auto : .given([CoEvalNamedValues(name: "level", values: ["a", "b", "c"])])
            task.nuancedAttributes = autoAttributes ? .auto : .given([CoEvalNamedValues(name: "tone", values: ["x", "y"])])
            task.rubric = autoRubric ? .auto : .given([CoEvalNamedText(name: "accuracy", text: "Right."), CoEvalNamedText(name: "clarity", text: "Clear.")])
            task.sampling = CoEvalSamplingConfig(target: CoEvalRange(min: 1, max: 1), nuance: CoEvalRange(min: 0, max: 1), total: total)
            task.evaluationMode = perFactor ? "per_factor" : "single"
            return task
        }
        config.coeval = CoEvalConfig()
        self.models = models
    }

    mutating func replace(_ name: String, with model: CoEvalScriptedModel) { models[name] = model }

    mutating func setModes(_ phases: CoEvalPhasesConfig) { config.coeval?.phases = phases }

    func runner(_ store: SQLiteRunStore) throws -> CoEvalRunner {
        CoEvalRunner(setup: try CoEvalSetup(config: config), store: store, models: models.mapValues { $0 as any ChatModel })
    }

    /// Prepares and runs (or continues) a run; returns its outcome.
    func run(_ store: SQLiteRunStore, continuing: String? = nil, stop: StopSignal = StopSignal(), budget: USD? = nil) async throws -> CoEvalOutcome {
        let runner = try runner(store)
        let id = try await runner.prepare(continuing: continuing)
        return try await runner.run(id, isContinuation: continuing != nil, stop: stop, budget: budget)
    }

    /// Calls per phase across every model.
    var callsByPhase: [CoEvalPhase: Int] {
        var total: [CoEvalPhase: Int] = [:]
        for model in models.values { total.merge(model.calls, uniquingKeysWith: +) }
        return total
    }
}
