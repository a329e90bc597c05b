import Foundation
import QuorumCore
@testable import QuorumCoEval
import QuorumTesting
import Testing

@Suite("CoEval results read back from the store")
struct CoEvalResultsTests {
    @Test("a finished run loads with its configured roster, analyses and exports in CoEval's layout")
    func loadAnalyseExport() async throws {
        let temporary = try TemporaryStore()
        var fixture = CoEvalFixture(teachers: 2, students: 3, judges: 2, total: 2)
        fixture.config.models[0].apiKey = "sk-never-exported-42"
        let outcome = try await fixture.run(temporary.store)
        let results = try await CoEvalResults.load(runID: outcome.runID, from: temporary.store)
        #expect(results.setup.students == ["student1", "student2", "student3"])
        #expect(results.artifacts.items.count == 8)
        let board = try #require(results.analysis.leaderboard())
        #expect(board.standings.map(\.student).sorted() == ["student1", "student2", "student3"])
        // Every scripted judge grades everything High, so every student ties at the top.
        #expect(board.standings.allSatisfy { $0.mean == 1 && $0.rank == 1 })

        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("coeval-export-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let files = try CoEvalExporter(artifacts: results.artifacts, configYAML: results.run.configSnapshot).export(to: folder)
        let names = Set(files.map { $0.path.replacingOccurrences(of: folder.path + "/", with: "") })
        #expect(names.contains("phase3_datapoints/math.teacher1.datapoints.jsonl"))
        #expect(names.contains("phase5_evaluations/poems.teacher2.judge2.evaluations.jsonl"))
        #expect(!(try String(contentsOf: folder.appendingPathComponent("config.yaml"), encoding: .utf8)).contains("sk-never-exported-42"))
    }

    @Test("an experiment run is not taken for a CoEval run")
    func rejectsOtherRuns() async throws {
        let temporary = try TemporaryStore()
        await #expect(throws: QuorumError.self) { try await CoEvalResults.load(runID: "nope", from: temporary.store) }
    }
}
