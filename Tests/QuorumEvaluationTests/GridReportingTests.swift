import Foundation
import QuorumCore
import QuorumOrchestration
import QuorumStore
import Testing
@testable import QuorumEvaluation

/// What a grid run shows outside the terminal: each cell as its own MLflow run, and the leaderboard
/// section of the HTML report.
@Suite("Grid reporting")
struct GridReportingTests {
    static func gridRun() -> (RunRecord, [ItemRecord]) {
        var config = GridTests.config(models: ["a", "b"])
        config.prompts[0].version = "3"
        let run = RunRecord(
            id: "r1", name: "grid", configSnapshot: ConfigSnapshot.json(of: config), dataset: "grid", systems: ["a", "b"])
        let items = ["a", "b"].flatMap { system in
            ["terse/student-morning", "kind/student-morning"].enumerated().map { position, itemID in
                var item = ItemRecord(runID: "r1", system: system, itemID: itemID, position: position, status: .answered, prompt: "p")
                item.answer = "\(system) tip"
                return item
            }
        }
        return (run, items)
    }

    @Test("each cell is an MLflow run with its model, prompt version and scenario, pending until a person scored it")
    func mlflowCells() throws {
        let (run, items) = Self.gridRun()
        var options = MLflowLogOptions()
        options.cellScores = [
            CellScore(system: "a", itemID: "terse/student-morning", judge: "ann", source: .human,
                      criteria: ["relevance": 4], flags: ["format_ok": true], composite: 12),
            CellScore(system: "a", itemID: "terse/student-morning", judge: "bot", source: .llm,
                      criteria: ["relevance": 2], flags: [:], composite: 7),
        ]
        let specs = MLflowRunPlan(run: run, items: items, options: options).specs()
        let cells = specs.filter { if case .item = $0.scope { return true } else { return false } }
        #expect(cells.count == 4, "a grid logs every cell even without per_item")
        let judged = try #require(cells.first { $0.name == "terse/student-morning" && $0.params.contains { $0.key == "model" && $0.value == "a" } })
        #expect(judged.params.contains { $0.key == "prompt" && $0.value == "terse" })
        #expect(judged.params.contains { $0.key == "prompt_version" && $0.value == "3" })
        #expect(judged.params.contains { $0.key == "scenario" && $0.value == "student-morning" })
        #expect(judged.tags.contains { $0.key == "judge_pending" && $0.value == "false" })
        #expect(judged.metrics.contains { $0.key == "human.composite" && $0.value == 12 })
        #expect(judged.metrics.contains { $0.key == "llm.relevance" && $0.value == 2 })
        #expect(judged.artifacts.contains { $0.path == "candidate.txt" && $0.data == Data("a tip".utf8) })
        let pending = try #require(cells.first { $0.name == "kind/student-morning" })
        #expect(pending.tags.contains { $0.key == "judge_pending" && $0.value == "true" })
        #expect(!pending.metrics.contains { $0.key.hasPrefix("human.") })
    }

    @Test("the report's leaderboard draws a model × prompt heat map and an interval bar per row")
    func reportLeaderboard() {
        let (run, items) = Self.gridRun()
        let scores = items.enumerated().map { index, item in
            CellScore(system: item.system, itemID: item.itemID, judge: "ann", source: .human,
                      criteria: ["relevance": Double(index + 1)], flags: [:], composite: Double(index + 5))
        }
        let board = Leaderboard(scores: scores, rubric: "tip-v1@1", criteria: ["relevance"], flags: [], compositeRange: 2...17)
        let source = ComparisonSource(run: run, items: items)
        let comparison = source.comparison(ComparisonOptions())
        let html = HTMLReport(comparison: comparison, source: source, leaderboard: board).rendered()
        #expect(html.contains("<section id=\"leaderboard\">"))
        #expect(html.contains("rubric tip-v1@1"))
        #expect(html.contains("<th>model \\ prompt</th><th>kind</th><th>terse</th>"))
        #expect(html.components(separatedBy: "<svg width=\"160\"").count - 1 == 4, "one bar per (model, prompt)")
        #expect(!HTMLReport(comparison: comparison, source: source).rendered().contains("id=\"leaderboard\""))
    }
}
