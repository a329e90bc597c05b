import Foundation
import QuorumCore
import QuorumOrchestration
import QuorumStore
import QuorumTesting
import Testing

@testable import QuorumEvaluation

/// A run of two systems over four items, already answered: `alt` answers items 0–2 well ("good …"),
/// the baseline answers badly ("bad …"), and item 3 is answered well by both.
struct JudgedRunFixture {
    let temporary: TemporaryStore
    let runID: String
    let items: [ItemRecord]

    init() async throws {
        temporary = try TemporaryStore()
        let dataset = arithmeticItems(4)
        runID = try await temporary.createRun(items: dataset, systems: ["base", "alt"])
        var saved: [ItemRecord] = []
        for item in try await temporary.store.items(ofRun: runID) {
            var item = item
            let index = Int(item.itemID.dropFirst()) ?? 0
            item.status = .answered
            let good = item.system == "alt" || index == 3
            item.answer = good ? "good answer \(index) with more words in it" : "bad \(index)"
            item.passed = good
            item.score = good ? 1 : 0
            item.level = item.system == "alt" && index == 0 ? 2 : 1
            item.latency = Double(index + 1)
            let call = CallRecord(
                key: "answer", model: item.system == "alt" ? "small" : "large", role: .answer, messages: [.user(item.prompt)],
                response: item.answer ?? "", usage: Usage(promptTokens: 100, completionTokens: 50),
                cost: USD(string: item.system == "alt" ? "0.001" : "0.004")!)
            item.trace = TraceNode(kind: .system, label: item.system, children: [TraceNode(kind: .call, label: call.model, call: call)])
            item.answerCost = call.cost
            try await temporary.store.save(item)
            saved.append(item)
        }
        items = saved
    }

    /// A judge model that prefers whichever answer says "good" (ties when both or neither do), strongly when
    /// the other says "bad".
    static func judgeModel() -> CountingModel {
        CountingModel(name: "judge", price: Price(input: USD(1), output: USD(1))) { request in
            let prompt = request.messages.last?.content ?? ""
            let a = prompt.components(separatedBy: "\nB: ").first ?? ""
            let b = prompt.components(separatedBy: "\nB: ").last ?? ""
            switch (a.contains("good"), b.contains("good")) {
            case (true, false): return "A is right. [[A>>B]]"
            case (false, true): return "B is right. [[B>A]]"
            default: return "Same. [[A=B]]"
            }
        }
    }

    static let judge = PairwiseJudge(name: "arena", model: "judge", prompt: "Q: {question}\nA: {answer_a}\nB: {answer_b}")
}

@Suite("Pairwise judging and comparison")
struct CompareJudgingTests {
    @Test("every pair is judged in both orders, stored, and never asked again")
    func judgesOnceAndResumes() async throws {
        let fixture = try await JudgedRunFixture()
        let model = JudgedRunFixture.judgeModel()
        let judging = PairwiseJudging(
            store: fixture.temporary.store, judge: JudgedRunFixture.judge, models: ["judge": model], concurrency: 2)
        let first = try await judging.judgeMissing(runID: fixture.runID, items: fixture.items, baseline: "base")
        #expect(first.complete == 4 && first.newGames == 8 && first.failures.isEmpty)
        #expect(model.totalCalls == 8)
        let verdicts = try await fixture.temporary.store.pairwiseVerdicts(ofRun: fixture.runID)
        #expect(verdicts.count == 8)
        #expect(Set(verdicts.map(\.order)) == [.systemFirst, .baselineFirst])
        let swapped = try #require(verdicts.first { $0.itemID == "q0" && $0.order == .baselineFirst })
        #expect(swapped.label == .betterB && swapped.labelForSystem == .betterA)

        let again = try await judging.judgeMissing(runID: fixture.runID, items: fixture.items, baseline: "base")
        #expect(again.newGames == 0 && again.complete == 4)
        #expect(model.totalCalls == 8)
    }

    @Test("a comparison reads wins, arena score, accuracy with McNemar, cost and the frontier from stored data")
    func comparisonValues() async throws {
        let fixture = try await JudgedRunFixture()
        let model = JudgedRunFixture.judgeModel()
        _ = try await PairwiseJudging(store: fixture.temporary.store, judge: JudgedRunFixture.judge, models: ["judge": model])
            .judgeMissing(runID: fixture.runID, items: fixture.items, baseline: "base")
        let source = try await ComparisonSource.load(fixture.runID, from: fixture.temporary.store)
        let options = ComparisonOptions(
            baseline: "base", judgeModel: "large", modelsBySystem: ["base": ["large"], "alt": ["small"]],
            referencePrice: ReferencePrice(model: "ref", price: Price(input: USD(10), output: USD(20))),
            bootstrap: Bootstrap(resamples: 1000, seed: 5))
        let comparison = source.comparison(options)
        let alt = try #require(comparison.system("alt"))
        let record = try #require(alt.pairwise)
        #expect(record.wins == 3 && record.ties == 1 && record.losses == 0 && record.judged == 4)
        // Items 0–2: A>>B (3 outcomes of 1) and B>A from the baseline's game (1); item 3: two ties.
        #expect(record.score == (12 + 1) / 14.0)
        #expect(record.inconsistentShare == 0)
        #expect(alt.accuracy == 1)
        let base = try #require(comparison.system("base"))
        #expect(base.accuracy == 0.25)
        let paired = try #require(alt.pairedDifference)
        #expect(paired.mcnemar.systemOnly == 3 && paired.mcnemar.baselineOnly == 0 && paired.difference == 0.75)
        #expect(alt.cost.perItem == USD(string: "0.001"))
        #expect(alt.cost.relativeToBaseline == 0.25)
        #expect(alt.cost.atReferencePrice == USD(string: "0.008"))  // 4 × (100 × $10 + 50 × $20) / 1M
        #expect(alt.cost.evaluation == USD(string: "0.00012"))  // 8 games × 15 tokens at $1/M
        #expect(comparison.frontier == ["alt"])
        #expect(alt.funnel.map(\.level) == [1, 2])
        #expect(comparison.judge == "arena")
        #expect(comparison.judgeBias?.selfPreference == ["base"])
        #expect(comparison.warnings.contains { $0.hasPrefix("self-preference") })
        #expect(comparison.headline.hasPrefix("alt vs base: 100.0% accuracy"))
        #expect(comparison.ratings?.ratings.first?.system == "alt")
        #expect(comparison.items.count == 4 && comparison.items[0].results.first { $0.system == "alt" }?.outcome == "win")
    }

    @Test("the terminal tables mirror the comparison and carry no colour unless asked")
    func tables() async throws {
        let fixture = try await JudgedRunFixture()
        let source = try await ComparisonSource.load(fixture.runID, from: fixture.temporary.store)
        let text = source.comparison(ComparisonOptions(baseline: "base")).renderedTables()
        #expect(text.contains("Systems") && text.contains("alt") && text.contains("100.0% [") && text.contains("frontier"))
        #expect(!text.contains("\u{1B}["))
        #expect(!text.contains("Pairwise against"))
        #expect(source.comparison(ComparisonOptions(baseline: "base")).renderedTables(colored: true).contains("\u{1B}[1m"))
    }
}
