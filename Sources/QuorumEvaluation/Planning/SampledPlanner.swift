import Foundation
import Logging
import QuorumCore
import QuorumOrchestration
import QuorumStore

/// `quorum plan --samples N`: answers the first N items for real (in a temporary store) and
/// extrapolates their calls, tokens and cost to the whole dataset.
public struct SampledPlanner: Sendable {
    public var samples: Int
    public var models: [String: any ChatModel]
    public var logger: Logger

    public init(samples: Int, models: [String: any ChatModel], logger: Logger = Logger(label: "quorum.plan")) {
        self.samples = samples
        self.models = models
        self.logger = logger
    }

    /// Answers (and scores, with `scorer`) the first `samples` items, then scales their cost to all of `items`.
    public func plan(systems: [any AnswerSystem], items: [DatasetItem], scorer: (any Scorer)?) async throws -> CostPlan {
        let sample = Array(items.prefix(samples))
        let path = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("quorum-plan-\(UUID().uuidString).db").path
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        let store = try SQLiteRunStore(path: path)
        let run = RunRecord(
            id: RunRecord.makeID(), name: "plan", configSnapshot: "{}", dataset: "sample", systems: systems.map(\.name))
        let pairs = sample.enumerated().flatMap { position, item in
            systems.map { ItemRecord(runID: run.id, system: $0.name, itemID: item.id, position: position, prompt: item.question.prompt) }
        }
        try await store.createRun(run, items: pairs)
        let runner = ExperimentRunner(store: store, models: models, scorer: scorer, concurrency: 4, logger: logger)
        _ = try await runner.run(run.id, items: sample, systems: systems)
        let stored = try await store.items(ofRun: run.id)
        let factor = sample.isEmpty ? 0 : Double(items.count) / Double(sample.count)
        var systemLines: [CostPlan.Line] = []
        var modelTotals: [String: CostPlan.Line] = [:]
        for system in systems {
            var line = CostPlan.Line(name: system.name, calls: 0, promptTokens: 0, completionTokens: 0, cost: .zero, priced: true)
            for call in stored.filter({ $0.system == system.name }).flatMap({ $0.trace?.calls ?? [] }) {
                line.add(call)
                modelTotals[call.model, default: CostPlan.Line(
                    name: call.model, calls: 0, promptTokens: 0, completionTokens: 0, cost: .zero, priced: true)].add(call)
            }
            systemLines.append(line.scaled(by: factor))
        }
        let failures = stored.count { $0.status != .answered }
        var assumptions = ["extrapolated from \(sample.count) item(s) × \(systems.count) system(s) answered for real"]
        if failures > 0 { assumptions.append("\(failures) sampled pair(s) were not answered; their calls are not counted") }
        return CostPlan(
            items: items.count, method: "sampled", systems: systemLines,
            models: modelTotals.keys.sorted().map { modelTotals[$0]!.scaled(by: factor) }, assumptions: assumptions)
    }
}

extension CostPlan.Line {
    mutating func add(_ call: CallRecord) {
        calls += 1
        promptTokens += Double(call.usage.promptTokens)
        completionTokens += Double(call.usage.completionTokens)
        cost += call.cost
    }

    func scaled(by factor: Double) -> CostPlan.Line {
        var copy = self
        copy.calls *= factor
        copy.promptTokens *= factor
        copy.completionTokens *= factor
        copy.cost = USD(cost.amount * (Decimal(string: String(factor)) ?? Decimal(factor)))
        return copy
    }
}
