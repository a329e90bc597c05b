import Foundation
import QuorumCore
import QuorumOrchestration
import QuorumStore
import Testing

@testable import QuorumEvaluation

/// Embeds by the prompt's first word, as a fixed vector.
struct FirstWordEmbedder: EmbeddingModel {
    let name = "tiny"

    func embed(_ texts: [String]) async throws -> Embeddings {
        Embeddings(
            vectors: texts.map { $0.hasPrefix("easy") ? [1, 0] : [0, 1] }, usage: Usage(promptTokens: texts.count * 5),
            cost: USD(Decimal(string: "0.0001")! * Decimal(texts.count)))
    }
}

@Suite("Router training")
struct RouterTrainingTests {
    func record(_ run: String, _ system: String, _ item: String, _ position: Int, _ prompt: String, passed: Bool?, cost: String = "0.001")
        -> ItemRecord
    {
        var record = ItemRecord(runID: run, system: system, itemID: item, position: position, prompt: prompt, reference: "x")
        if let passed {
            record.status = .answered
            record.passed = passed
        }
        record.answerCost = USD(string: cost)!
        return record
    }

    /// Twenty items: easy ones the small model gets right, hard ones it does not; one pending item.
    var records: [ItemRecord] {
        var rows: [ItemRecord] = []
        for index in 0..<20 {
            let easy = index % 2 == 0
            let prompt = (easy ? "easy " : "hard ") + "question \(index)"
            rows.append(record("run-1", "small@level-1", "i\(index)", index, prompt, passed: easy, cost: "0.001"))
            rows.append(record("run-1", "large@level-2", "i\(index)", index, prompt, passed: true, cost: "0.003"))
        }
        rows.append(record("run-1", "small@level-1", "pending", 20, "easy pending", passed: nil))
        rows.append(record("run-1", "large@level-2", "pending", 20, "easy pending", passed: true))
        return rows
    }

    @Test("finds each model's stand-alone system and keeps only items every model answered and scored")
    func observations() throws {
        let training = RouterTraining(models: ["small", "large"])
        #expect(training.system(for: "small", in: records) == "small@level-1")
        let observations = try training.observations(from: records, categories: ["i0": "arithmetic"])
        #expect(observations.count == 20)
        #expect(observations[0].category == "arithmetic")
        #expect(observations[1].correct == [false, true])
        #expect(observations[0].costs == [0.001, 0.003])
        #expect(throws: QuorumError.self) { try RouterTraining(models: ["small", "huge"]).observations(from: records) }
    }

    @Test("trains a router whose left-one-out ladder routes easy items to the small model and pays the embedding")
    func trainsAndReplays() async throws {
        let training = RouterTraining(models: ["small", "large"])
        let observations = try training.observations(from: records)
        let (router, overheads) = try await training.train(observations, embedder: FirstWordEmbedder(), runs: ["run-1"], k: 3, batch: 8)
        #expect(router.examples.count == 20)
        #expect(router.embeddings == "tiny")
        #expect(abs(overheads.reduce(0, +) - 0.002) < 1e-12, "twenty embeddings at USD 0.0001, shared out")
        let ladder = RouterTraining.ladder(
            observations, vectors: router.examples.map(\.vector), overheads: overheads, router: router, trainedOn: true)
        let curve = LadderCurve(policy: .router, items: ladder)
        let point = curve.point(at: 0.7)
        #expect(point.accuracy == 1, "every easy item to the small model (right), every hard one to the large")
        #expect(point.levelShares == [0.5, 0.5])
        // Router pays one model per item plus its embedding: (0.001 + 0.003) / 2 + 0.0001 per item.
        #expect(abs(point.cost - 0.0021) < 1e-9)
        // A perfect router recovers the whole gap at a strong share of one half: APGR 0.25 + 0.5.
        #expect(abs((curve.averageGapRecovered ?? 0) - 0.75) < 1e-9)
    }

    @Test("a gated router pays the picked level and each it escalates to, and its curve spans gate thresholds")
    func gatedRouterPolicy() {
        // Item: the router trusts the small model (0.9); its own confidence is low (-2), and it is wrong.
        let item = LadderItem(id: "a", levels: [
            LevelOutcome(correct: false, cost: 1, signal: 0.9, confidence: -2),
            LevelOutcome(correct: true, cost: 3, signal: 1, confidence: -0.1),
        ], overhead: 0.5)
        let router = LadderPolicy.router.outcome(for: item, threshold: 0.8)
        #expect(router.level == 0 && router.cost == 1.5)
        let gated = LadderPolicy.gatedRouter(gate: -1).outcome(for: item, threshold: 0.8)
        #expect(gated.level == 1, "the gate rejects the pick, so the large model answers")
        #expect(gated.cost == 4.5, "both levels and the embedding")
        let trusting = LadderPolicy.gatedRouter(gate: -3).outcome(for: item, threshold: 0.8)
        #expect(trusting.level == 0 && trusting.cost == 1.5)
        let skipped = LadderPolicy.gatedRouter(gate: -1).outcome(for: item, threshold: 0.95)
        #expect(skipped.level == 1 && skipped.cost == 3.5, "routed straight to the large model: the small one is not paid")
        let curve = LadderCurve.gatedRouter(items: [item])
        #expect(Set(curve.points.compactMap(\.gateThreshold)).count >= 2)
    }

    @Test("the file alone rebuilds its left-one-out ladder from the run, as compare shows it")
    func ladderFromFile() async throws {
        let training = RouterTraining(models: ["small", "large"])
        let observations = try training.observations(from: records)
        let (router, overheads) = try await training.train(observations, embedder: FirstWordEmbedder(), runs: ["run-1"], k: 3)
        let direct = RouterTraining.ladder(
            observations, vectors: router.examples.map(\.vector), overheads: overheads, router: router, trainedOn: true)
        let rebuilt = RouterTraining.ladder(trainedOn: router, records: records)
        #expect(rebuilt.map(\.levels) == direct.map(\.levels))
        let rebuiltOverhead: Double = rebuilt.map(\.overhead).reduce(0, +)
        let paid: Double = overheads.reduce(0, +)
        #expect(abs(rebuiltOverhead - paid) < 1e-12)
    }

    @Test("a continued run refuses a dataset whose items changed under the same ids")
    func changedItems() throws {
        let stored = [record("run-1", "a", "i1", 0, "What is 2 plus 2?", passed: true)]
        var now = stored
        #expect(RunLauncher.changedItems(now, stored: stored).isEmpty)
        now[0].prompt = "What is 3 plus 3?"
        #expect(RunLauncher.changedItems(now, stored: stored) == ["i1"])
        #expect(throws: QuorumError.self) { try RunLauncher.checkUnchanged(now, stored: stored, run: "run-1") }
    }
}
