import Foundation
import QuorumCore
import QuorumStore
import Testing

@testable import QuorumEvaluation

@Suite("RunSummary")
struct RunSummaryTests {
    @Test("the Wilson interval matches published values")
    func wilson() throws {
        let interval = try #require(WilsonInterval(successes: 8, trials: 10))
        #expect(abs(interval.lower - 0.4902) < 0.0005)
        #expect(abs(interval.upper - 0.9433) < 0.0005)
        #expect(WilsonInterval(successes: 0, trials: 0) == nil)
        #expect(try #require(WilsonInterval(successes: 0, trials: 5)).lower == 0)
    }

    func item(_ system: String, _ id: Int, level: Int, passed: Bool, cost: String, latency: Double) -> ItemRecord {
        var item = ItemRecord(runID: "r", system: system, itemID: "q\(id)", position: id, prompt: "p")
        item.status = .answered
        item.level = level
        item.passed = passed
        item.score = passed ? 1 : 0
        item.answerCost = USD(string: cost)!
        item.latency = latency
        return item
    }

    @Test("summarizes accuracy, cost against the baseline, latency percentiles and the escalation funnel")
    func summary() throws {
        let run = RunRecord(id: "r", name: "e", configSnapshot: "{}", dataset: "d", systems: ["big", "cascade"], scoring: "verifier:auto")
        var items = (0..<4).map { item("big", $0, level: 1, passed: true, cost: "1", latency: Double($0 + 1)) }
        items += (0..<4).map { item("cascade", $0, level: $0 == 0 ? 2 : 1, passed: $0 != 3, cost: "0.25", latency: 1) }
        var failed = ItemRecord(runID: "r", system: "cascade", itemID: "q9", position: 9, prompt: "p")
        failed.status = .failed
        failed.reasonKind = "rate_limited"
        items.append(failed)
        let summary = RunSummary(run: run, items: items)
        let big = try #require(summary.systems.first)
        let cascade = try #require(summary.systems.last)
        #expect(summary.baseline == "big")
        #expect(big.accuracy == 1)
        #expect(big.latencyP50 == 2)
        #expect(big.latencyP95 == 4)
        #expect(big.costPerItem == USD(1))
        #expect(cascade.accuracy == 0.75)
        #expect(cascade.costRelativeToBaseline == 0.25)
        #expect(cascade.funnel == ["1": 0.75, "2": 0.25])
        #expect(cascade.reasons == ["rate_limited": 1])
        #expect(cascade.failed == 1)
        #expect(summary.renderedTable().contains("75.0% ["))
    }

    @Test("exports quote CSV cells that hold commas, quotes or newlines")
    func csvQuoting() {
        var item = ItemRecord(runID: "r", system: "s", itemID: "a,b", position: 0, prompt: "p")
        item.answer = "say \"hi\"\nthen"
        let row = ExportedItem(item).csvRow
        #expect(row.hasPrefix("\"a,b\",s,pending,\"say \"\"hi\"\"\nthen\","))
        #expect(CSVReader.parse(ExportedItem.csvHeader + "\n" + row).last?.fields[3] == "say \"hi\"\nthen")
    }
}
