import Foundation
import QuorumCore
import QuorumOrchestration
import QuorumStore
import Testing

@testable import QuorumEvaluation

@Suite("HTML report")
struct ReportRenderingTests {
    func renderedReport() async throws -> (String, RunComparison) {
        let fixture = try await JudgedRunFixture()
        _ = try await PairwiseJudging(
            store: fixture.temporary.store, judge: JudgedRunFixture.judge, models: ["judge": JudgedRunFixture.judgeModel()]
        ).judgeMissing(runID: fixture.runID, items: fixture.items, baseline: "base")
        let source = try await ComparisonSource.load(fixture.runID, from: fixture.temporary.store)
        let comparison = source.comparison(ComparisonOptions(baseline: "base", bootstrap: Bootstrap(resamples: 1000, seed: 1)))
        return (HTMLReport(comparison: comparison, source: source).rendered(), comparison)
    }

    @Test("the report holds every chart, the item table and a trace per item")
    func sections() async throws {
        let (html, comparison) = try await renderedReport()
        for id in ["chart-cost-quality", "chart-pairwise", "chart-funnel", "chart-latency", "chart-length", "items", "filter-text"] {
            #expect(html.contains("id=\"\(id)\""), "missing #\(id)")
        }
        for item in comparison.items { #expect(html.contains("id=\"\(HTMLText.anchor("trace", item.itemID))\"")) }
        #expect(html.contains("data-system=\"alt\" data-cost=\"0.001\" data-quality=\"1.0\""))
        #expect(html.contains("class=\"win\" data-system=\"alt\" data-count=\"3\""))
        #expect(html.contains(HTMLText.escape(comparison.headline)))
        #expect(html.contains("Pairwise games against base"))
    }

    @Test("a calibrated cascade's curve, oracle and operating point are drawn, its figures written out")
    func calibrationCurve() async throws {
        let (_, plain) = try await renderedReport()
        var comparison = plain
        let items = (0..<10).map { index in
            LadderItem(id: "i\(index)", levels: [
                LevelOutcome(correct: index < 6, cost: 0.0001, signal: -Double(index) / 10),
                LevelOutcome(correct: index != 9, cost: 0.0003, signal: nil),
            ])
        }
        let curve = LadderCurve(policy: .cascade, items: items)
        comparison.calibrations = [SystemCalibration(
            system: "alt", runID: "cal-1", levels: ["s", "l"], summary: LadderSummary(curve), threshold: -0.55,
            atThreshold: curve.point(at: -0.55))]
        let html = HTMLReport(comparison: comparison, source: ComparisonSource(run: RunRecord(
            id: "r", name: "n", configSnapshot: "{}", dataset: "d", systems: ["base", "alt"]), items: [])).rendered()
        #expect(html.contains("class=\"calibration\" data-system=\"alt\""))
        #expect(html.contains("class=\"oracle\" data-system=\"alt\""))
        #expect(html.contains("class=\"operating-point\" data-system=\"alt\""))
        #expect(html.contains("APGR 0.75"))
        #expect(html.contains("at threshold -0.55: 90%"))
    }

    @Test("the report is self-contained: nothing is loaded from the network")
    func selfContained() async throws {
        let (html, _) = try await renderedReport()
        #expect(!html.contains("src=\"http"))
        #expect(!html.contains("href=\"http"))
        #expect(!html.contains("<link"))
        #expect(!html.contains("@import"))
    }

    @Test("text from answers and prompts is escaped")
    func escaping() {
        #expect(HTMLText.escape("<script>alert('x') & \"y\"</script>") == "&lt;script&gt;alert(&#39;x&#39;) &amp; &quot;y&quot;&lt;/script&gt;")
        #expect(HTMLText.anchor("trace", "a b/ü") == "trace-a_32_b_47_ü")
    }

    @Test("axis ticks are round numbers inside the domain")
    func ticks() {
        let ticks = SVGScale(domain: 0...1, from: 0, to: 100).ticks()
        #expect(ticks.count == 6)
        #expect(zip(ticks, [0, 0.2, 0.4, 0.6, 0.8, 1]).allSatisfy { abs($0 - $1) < 1e-9 })
        #expect(SVGScale(domain: 0...1, from: 0, to: 100)(0.25) == 25)
    }
}
