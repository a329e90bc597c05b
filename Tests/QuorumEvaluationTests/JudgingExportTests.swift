import Foundation
import QuorumCore
import QuorumOrchestration
import QuorumStore
import QuorumTesting
import Testing

@testable import QuorumEvaluation
@testable import QuorumProviders

@Suite("Judging files: export")
struct JudgingExportTests {
    @Test("one cell per answered pair, with its inputs, its candidate and empty score fields")
    func exportsAnsweredCells() async throws {
        let fixture = try await JudgingFixture()
        let file = try await fixture.export(judge: nil)
        #expect(file.format == "quorum-judging/1" && file.run == fixture.runID && file.judge == "")
        #expect(file.cells.map(\.id) == ["small::q0", "large::q0", "small::q1", "large::q1", "small::q2", "small::q3", "large::q3"])
        let cell = file.cells[1]
        #expect(cell.system == "large" && cell.item == "q0" && cell.model == nil && cell.prompt == nil && cell.scenario == nil)
        #expect(cell.inputs == [.system("Be brief."), .user("What is 0 + 0?")])
        #expect(cell.candidate == "large says q0" && cell.candidateSHA256 == TextDigest.sha256("large says q0"))
        #expect(cell.scores == ["relevance": nil, "actionability": nil, "tone": nil])
        #expect(cell.flags == ["format_ok": nil, "overlong": nil] && cell.comment == nil)
        // The rubric travels whole, its default scale written out.
        #expect(file.rubric.id == "tip-v1" && file.rubric.criteria[0].scale == [1, 5] && file.rubric.composite == fixture.rubric.composite)
    }

    @Test("the file reads instructions and rubric first, each cell's answer before its empty scores, and decodes back equal")
    func writesReadableJSON() async throws {
        let fixture = try await JudgingFixture()
        var file = try await fixture.export(judge: "ana")
        file.fill("small::q0", (5, 4, 3), formatOK: true, overlong: false, comment: "good \"tip\"")
        let text = String(decoding: file.encoded(), as: UTF8.self)
        let order = ["\n  \"format\": ", "\n  \"instructions\": ", "\n  \"rubric\": ", "\n  \"cells\": ", "\n      \"candidate\": ", "\n      \"scores\": "]
        let positions = order.map { text.range(of: $0)!.lowerBound }
        #expect(positions == positions.sorted())
        #expect(text.contains(#""scale": [1, 5]"#) && text.contains(#""1": "ignores the situation""#))
        #expect(text.contains("\"scores\": {\n        \"relevance\": null,\n        \"actionability\": null,\n        \"tone\": null\n      }"))
        #expect(text.contains("\"scores\": {\n        \"relevance\": 5,"))
        #expect(try JSONDecoder().decode(JudgingFile.self, from: file.encoded()) == file)
    }

    @Test("a grid run's cells name the model, prompt and scenario")
    func gridCells() throws {
        var config = QuorumConfig(experiment: ExperimentConfig(name: "tips"))
        config.experiment?.grid = GridConfig(models: ["smollm2"])
        let snapshot = String(decoding: try JSONEncoder().encode(config), as: UTF8.self)
        let run = RunRecord(id: "r", name: "tips", configSnapshot: snapshot, dataset: "grid", systems: ["smollm2"])
        var item = ItemRecord(runID: "r", system: "smollm2", itemID: "terse/student-morning", position: 0, status: .answered, prompt: "p")
        item.answer = "Drink water."
        let file = JudgingExport.file(run: run, items: [item], rubric: .tipExample, existing: [], judge: nil, pendingOnly: false)
        let cell = try #require(file.cells.first)
        #expect(cell.model == "smollm2" && cell.prompt == "terse" && cell.scenario == "student-morning")
        #expect(cell.inputs == [.user("p")])
    }
}
