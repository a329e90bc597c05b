import Foundation
import QuorumCore
import QuorumOrchestration
import QuorumTesting
import Testing

@testable import QuorumEvaluation

/// The comparisons a new user meets first: a judge nobody can read, a baseline alone.
@Suite("Comparison of degenerate runs")
struct CompareDegenerateTests {
    /// A judge model whose every reply has no verdict label.
    static func unreadableJudge() -> CountingModel {
        CountingModel(name: "judge", price: Price(input: USD(1), output: USD(1))) { _ in "I cannot tell which is better." }
    }

    @Test("when every verdict is unreadable, the comparison says so in the table, --json and the report instead of trapping")
    func unreadableVerdicts() async throws {
        let fixture = try await JudgedRunFixture()
        let outcome = try await PairwiseJudging(
            store: fixture.temporary.store, judge: JudgedRunFixture.judge, models: ["judge": Self.unreadableJudge()]
        ).judgeMissing(runID: fixture.runID, items: fixture.items, baseline: "base")
        #expect(outcome.newGames == 8)
        let source = try await ComparisonSource.load(fixture.runID, from: fixture.temporary.store)
        let comparison = source.comparison(ComparisonOptions(baseline: "base", bootstrap: Bootstrap(resamples: 100)))

        let ratings = try #require(comparison.ratings)
        #expect(!ratings.hasRatings)
        #expect(ratings.note?.hasPrefix("not enough readable verdicts") == true)
        let record = try #require(comparison.system("alt")?.pairwise)
        #expect(record.judged == 0 && record.score == nil)
        #expect(record.note?.contains("8 verdict(s) could not be read") == true)

        let table = comparison.renderedTables()
        #expect(table.contains("Bradley–Terry: not enough readable verdicts"))
        #expect(table.contains("alt: not enough readable verdicts"))
        let json = String(decoding: try JSONEncoder().encode(comparison), as: UTF8.self)
        #expect(json.contains("not enough readable verdicts"))
        #expect(try JSONDecoder().decode(RunComparison.self, from: Data(json.utf8)) == comparison)
        let html = HTMLReport(comparison: comparison, source: source).rendered()
        #expect(html.contains("id=\"ratings-note\"") && html.contains("Bradley–Terry: not enough readable verdicts"))
    }

    @Test("a run of the baseline alone compares without a frontier note trap or a rating")
    func baselineAlone() async throws {
        let temporary = try TemporaryStore()
        let runID = try await temporary.createRun(items: arithmeticItems(2), systems: ["base"])
        let source = try await ComparisonSource.load(runID, from: temporary.store)
        let comparison = source.comparison(ComparisonOptions(baseline: "base"))
        #expect(comparison.ratings == nil && comparison.frontier.isEmpty)
        #expect(comparison.headline.hasPrefix("Only one system"))
        #expect(!comparison.renderedTables().isEmpty)
    }
}
