import Foundation
import QuorumCore
import QuorumEvaluation
import QuorumProviders

/// Counts a fresh CoEval run's calls from the formulas (phase 3 = teachers × tasks × total,
/// phase 4 = students × phase 3, phase 5 = judges × phase 4 × criteria when `per_factor`,
/// phases 1-2 = teachers × tasks that are `auto`) and estimates tokens and USD like `CostPlanner`:
/// prompt tokens ≈ characters / 4, answers use `expectedOutputShare` of `max_tokens` (512 when unset).
public struct CoEvalPlanner: Sendable {
    public var setup: CoEvalSetup
    public var expectedOutputShare: Double
    /// Criteria assumed for a `per_factor` task whose rubric teachers will propose.
    public var assumedCriteria: Int

    public init(setup: CoEvalSetup, expectedOutputShare: Double = 0.5, assumedCriteria: Int = 4) {
        self.setup = setup
        self.expectedOutputShare = expectedOutputShare
        self.assumedCriteria = assumedCriteria
    }

    public func plan() -> CoEvalPlan {
        var tally: [String: CoEvalPlan.ModelLine] = [:]
        var batched = BatchedTokens()
        func add(_ model: String, _ phase: CoEvalPhase, calls: Int, prompt: Double, role: CoEvalRole) {
            guard calls > 0 else { return }
            if setup.isBatched(model, in: phase) { batched.add(model, prompt: Double(calls) * prompt, completion: Double(calls) * output(model, role)) }
            var line = tally[model] ?? CoEvalPlan.ModelLine(
                model: model, callsByPhase: [:], calls: 0, promptTokens: 0, completionTokens: 0, cost: .zero, priced: true)
            line.callsByPhase[phase.rawValue, default: 0] += calls
            line.calls += calls
            line.promptTokens += Double(calls) * prompt
            line.completionTokens += Double(calls) * output(model, role)
            tally[model] = line
        }
        for task in setup.tasks {
            let items = task.total * setup.teachers.count
            let criteria = task.isPerFactor ? (task.rubric?.given?.count ?? assumedCriteria) : 1
            let itemPrompt = averageOutput(setup.teachers, .teacher) / 2
            let answer = averageOutput(setup.students, .student)
            for teacher in setup.teachers {
                if setup.asksForAttributes(task) { add(teacher, .attributeMapping, calls: 1, prompt: tokens(.attributeMapping, task), role: .teacher) }
                if setup.asksForRubric(task) { add(teacher, .rubricMapping, calls: 1, prompt: tokens(.rubricMapping, task), role: .teacher) }
                add(teacher, .dataGeneration, calls: task.total, prompt: tokens(.dataGeneration, task) + 20, role: .teacher)
            }
            for student in setup.students {
                add(student, .responseCollection, calls: items, prompt: tokens(.responseCollection, task) + itemPrompt, role: .student)
            }
            for judge in setup.judges {
                let prompt = tokens(.evaluation, task) + itemPrompt * 3 + answer + 30 * Double(task.rubric?.given?.count ?? assumedCriteria)
                add(judge, .evaluation, calls: items * setup.students.count * criteria, prompt: prompt, role: .judge)
            }
        }
        let models = setup.allModels.compactMap { name -> CoEvalPlan.ModelLine? in
            guard var line = tally[name] else { return nil }
            if let price = setup.config.model(named: name)?.withNotionalPrice().price {
                line.cost = batched.cost(of: line, at: price)
            } else {
                line.priced = false
            }
            return line
        }
        return CoEvalPlan(phases: phaseLines(models), models: models, assumptions: assumptions)
    }

    private func phaseLines(_ models: [CoEvalPlan.ModelLine]) -> [CoEvalPlan.PhaseLine] {
        let teachers = setup.teachers.count, students = setup.students.count, judges = setup.judges.count
        let totals = setup.tasks.map { "\($0.total)" }.joined(separator: "+")
        let perFactor = setup.tasks.contains(where: \.isPerFactor) ? " × criteria (per_factor)" : ""
        let formulas: [CoEvalPhase: String] = [
            .attributeMapping: "\(teachers) teachers × \(setup.tasks.count { setup.asksForAttributes($0) }) auto tasks",
            .rubricMapping: "\(teachers) teachers × \(setup.tasks.count { setup.asksForRubric($0) }) auto tasks",
            .dataGeneration: "\(teachers) teachers × (\(totals)) items",
            .responseCollection: "\(students) students × phase 3",
            .evaluation: "\(judges) judges × phase 4\(perFactor)",
        ]
        return CoEvalPhase.allCases.map { phase in
            CoEvalPlan.PhaseLine(
                phase: phase, name: phase.key, calls: models.map { $0.callsByPhase[phase.rawValue] ?? 0 }.reduce(0, +),
                formula: formulas[phase] ?? "")
        }
    }

    private var assumptions: [String] {
        var lines = [
            "prompt tokens ≈ characters / 4 of each phase's prompt",
            "answers use \(Int(expectedOutputShare * 100))% of max_tokens (512 when unset); an item's prompt is half a teacher's answer",
            "no reply is rejected (a rejected reply is retried by --continue: one more call each)",
        ]
        let batching = setup.allModels.compactMap { model -> String? in
            let phases = setup.batchedPhases(of: model)
            return phases.isEmpty ? nil : "\(model): \(phases.map(\.key).joined(separator: ", "))"
        }
        if !batching.isEmpty {
            lines.append("batch API calls at 50% of list price (\(batching.joined(separator: "; ")))")
        }
        if setup.tasks.contains(where: { $0.isPerFactor && $0.rubric?.given == nil }) {
            lines.append("per_factor tasks with a proposed rubric are counted with \(assumedCriteria) criteria")
        }
        return lines
    }

    private func tokens(_ phase: CoEvalPhase, _ task: CoEvalTaskConfig) -> Double {
        Double(CoEvalPrompts.render(CoEvalPrompts.template(phase, for: task), CoEvalPrompts.taskValues(task)).count) / 4
    }

    private func output(_ model: String, _ role: CoEvalRole) -> Double {
        Double(setup.parameters(of: model, as: role).maxTokens ?? 512) * expectedOutputShare
    }

    private func averageOutput(_ models: [String], _ role: CoEvalRole) -> Double {
        guard !models.isEmpty else { return 0 }
        return models.map { output($0, role) }.reduce(0, +) / Double(models.count)
    }
}
