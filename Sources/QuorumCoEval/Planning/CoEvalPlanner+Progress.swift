import Foundation
import QuorumCore

/// Units a run has already made, per phase, model and task: what `plan --continue RUN` subtracts.
public struct CoEvalProgress: Sendable, Hashable {
    var done: [String: Int]

    /// Counts the stored artifacts of a run (merged maps and rubrics are not units; rejected ones are not done).
    public init(_ artifacts: CoEvalArtifacts) {
        var done: [String: Int] = [:]
        func count(_ phase: CoEvalPhase, _ model: String?, _ task: String) {
            guard let model else { return }
            done[Self.key(phase, model, task), default: 0] += 1
        }
        artifacts.attributes.forEach { count(.attributeMapping, $0.teacher, $0.task) }
        artifacts.rubrics.forEach { count(.rubricMapping, $0.teacher, $0.task) }
        artifacts.items.forEach { count(.dataGeneration, $0.teacher, $0.task) }
        artifacts.responses.forEach { count(.responseCollection, $0.student, $0.task) }
        artifacts.evaluations.forEach { count(.evaluation, $0.judge, $0.task) }
        self.done = done
    }

    func units(_ phase: CoEvalPhase, model: String, task: String) -> Int { done[Self.key(phase, model, task)] ?? 0 }

    static func key(_ phase: CoEvalPhase, _ model: String, _ task: String) -> String { "\(phase.rawValue)|\(model)|\(task)" }
}

/// Mean tokens and latency of one model over `--estimate-samples` real calls.
public struct CoEvalSampleMeasurement: Sendable, Hashable, Codable {
    public var calls: Int
    /// Measured prompt tokens over the heuristic's (characters / 4) for the same prompts.
    public var promptScale: Double
    public var completionTokens: Double
    /// Mean seconds a call took.
    public var latency: Double
    /// What the sample calls cost.
    public var cost: USD

    public init(calls: Int, promptScale: Double, completionTokens: Double, latency: Double, cost: USD) {
        self.calls = calls
        self.promptScale = promptScale
        self.completionTokens = completionTokens
        self.latency = latency
        self.cost = cost
    }
}

extension CoEvalPlanner {
    /// Calls still to make of `calls` (units × `perUnit`) once the units already done are taken off.
    func remaining(_ calls: Int, model: String, phase: CoEvalPhase, task: String, perUnit: Int) -> Int {
        guard let progress else { return calls }
        return max(0, calls - progress.units(phase, model: model, task: task) * max(1, perUnit))
    }

    /// Seconds the calls take at `coeval.concurrency` calls in flight, from measured latencies; `nil` without samples.
    func wallSeconds(_ cells: [CoEvalPlan.Cell]) -> Double? {
        guard !measured.isEmpty else { return nil }
        let serial = cells.map { Double($0.calls) * (measured[$0.model]?.latency ?? 0) }.reduce(0, +)
        return serial / Double(setup.concurrency)
    }

    var extraAssumptions: [String] {
        var lines: [String] = []
        if progress != nil { lines.append("only the units the run has not made yet are counted (--continue)") }
        if let only = setup.onlyModels { lines.append("only models \(only.sorted().joined(separator: ", ")) (--only-models)") }
        for (model, sample) in measured.sorted(by: { $0.key < $1.key }) {
            lines.append(
                "\(model): measured on \(sample.calls) call(s): \(Int(sample.completionTokens.rounded())) output tokens, "
                    + "prompt × \(String(format: "%.2f", sample.promptScale)), \(String(format: "%.2f", sample.latency)) s a call, "
                    + "\(sample.cost.formatted) spent measuring")
        }
        return lines
    }
}
