import Foundation
import QuorumCore
import QuorumOrchestration
import QuorumStore
import Testing

@testable import QuorumEvaluation

@Suite("CalibrationPlan")
struct CalibrationPlanTests {
    static func config(gate: String) throws -> QuorumConfig {
        let yaml = """
            models:
              - {name: small, provider: openai-compatible, base_url: http://127.0.0.1:1/v1, model: s}
              - {name: large, provider: openai-compatible, base_url: http://127.0.0.1:1/v1, model: l}
            systems:
              - {name: c, type: cascade, levels: [small, large], gate: \(gate), escalate: fresh, parameters: {max_tokens: 32}}
            dataset: {path: items.jsonl}
            experiment: {name: e, systems: [c], scoring: {verifier: auto}}
            """
        return try #require(ConfigLoader().load(yaml: yaml, file: "c.yaml", directory: nil).config)
    }

    @Test("each level becomes a single system asking logprobs with every signal's alternatives, on the chosen split")
    func observationConfig() throws {
        let plan = try CalibrationPlan(
            config: Self.config(gate: "{confidence: {signal: margin, threshold: 1}}"), system: "c", split: "calibration")
        #expect(plan.levels == ["small", "large"])
        #expect(plan.levelSystems == ["small@level-1", "large@level-2"])
        let singles = plan.observationConfig.systems
        #expect(singles.map(\.model) == ["small", "large"])
        #expect(singles.allSatisfy { $0.type == "single" && $0.parameters?.logprobs == ConfidenceRule.alternatives && $0.parameters?.maxTokens == 32 })
        #expect(plan.observationConfig.dataset?.filter == ["split": "calibration"])
        #expect(plan.observationConfig.experiment?.name == "calibrate small → large")
    }

    @Test("a judge-gated cascade, an unknown system and an unscored experiment are refused in a sentence")
    func refusals() throws {
        let judged = try Self.config(gate: "{agreement: {samples: 3, min: 2}}")
        #expect(throws: QuorumError.self) { try CalibrationPlan(config: judged, system: "c") }
        #expect(throws: QuorumError.self) { try CalibrationPlan(config: judged, system: "nope") }
        var unscored = try Self.config(gate: "{confidence: {signal: mean, threshold: -0.3}}")
        unscored.experiment?.scoring = nil
        #expect(throws: QuorumError.self) { try CalibrationPlan(config: unscored, system: "c") }
    }

    /// A stored answer of `system` to `item` whose call returned `logprobs`.
    static func record(_ system: String, _ item: String, passed: Bool, logprobs: [Double], cost: Decimal) -> ItemRecord {
        var record = ItemRecord(runID: "r", system: system, itemID: item, position: Int(item.dropFirst())!, prompt: "q")
        record.status = .answered
        record.passed = passed
        record.answerCost = USD(cost)
        let call = CallRecord(
            key: "k", model: "m", role: .answer, messages: [], response: "x",
            logprobs: logprobs.map { TokenLogprob(token: "t", logprob: $0) })
        record.trace = TraceNode(kind: .system, label: system, children: [TraceNode(kind: .call, label: "m", call: call)])
        return record
    }

    @Test("--signal reads another signal than the config's, keeping its threshold's place")
    func reading() throws {
        let plan = try CalibrationPlan(
            config: Self.config(gate: "{confidence: {signal: mean, threshold: -0.3}}"), system: "c", reading: .entropy)
        #expect(plan.rule?.signal == .entropy)
        #expect(plan.thresholdKey == "gate.confidence.threshold")
    }

    @Test("signals are ranked by the APGR they give on the same logprobs: a long wrong answer sure of each token fools the mean, not the total")
    func signalRanking() throws {
        let plan = try CalibrationPlan(config: Self.config(gate: "{confidence: {signal: mean, threshold: -0.3}}"), system: "c")
        let sureButLong = Array(repeating: -0.1, count: 5)
        let records = [
            Self.record("small@level-1", "i1", passed: true, logprobs: [-0.3], cost: 1),
            Self.record("small@level-1", "i2", passed: true, logprobs: [-0.3], cost: 1),
            Self.record("small@level-1", "i3", passed: false, logprobs: sureButLong, cost: 1),
            Self.record("small@level-1", "i4", passed: false, logprobs: sureButLong, cost: 1),
        ] + ["i1", "i2", "i3", "i4"].map { Self.record("large@level-2", $0, passed: true, logprobs: [], cost: 3) }
        let rankings = plan.signalRankings(records: records, test: nil)
        #expect(rankings.count == ConfidenceRule.Signal.allCases.count)
        #expect(rankings.first?.signal == "total")
        #expect(abs((rankings.first?.averageGapRecovered ?? 0) - 0.75) < 1e-9)
        #expect(abs((rankings.first { $0.signal == "mean" }?.averageGapRecovered ?? 0) - 0.25) < 1e-9)
        #expect(rankings.allSatisfy { $0.testAverageGapRecovered == nil })
    }

    @Test("the ladder reads correctness, cost and the signal from each level's stored answer")
    func ladderFromRecords() throws {
        let plan = try CalibrationPlan(config: Self.config(gate: "{confidence: {signal: mean, threshold: -0.3}}"), system: "c")
        var pending = ItemRecord(runID: "r", system: "large@level-2", itemID: "i2", position: 2, prompt: "q")
        pending.status = .pending
        let records = [
            Self.record("small@level-1", "i1", passed: true, logprobs: [-0.1, -0.3], cost: 1),
            Self.record("large@level-2", "i1", passed: true, logprobs: [], cost: 3),
            Self.record("small@level-1", "i2", passed: false, logprobs: [-2], cost: 1), pending,
        ]
        let (items, incomplete) = plan.ladder(from: records)
        #expect(incomplete == 1)
        let first = try #require(items.first)
        #expect(first.id == "i1")
        #expect(abs((first.levels[0].signal ?? 0) - -0.2) < 1e-9)
        #expect(first.levels[1].signal == nil)
        #expect(first.levels.map(\.cost) == [1, 3])
    }
}
