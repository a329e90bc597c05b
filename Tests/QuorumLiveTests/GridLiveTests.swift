import Foundation
import QuorumCore
import Testing

/// examples/grid.yaml end to end as a user runs it: `quorum run` answers 3 local models × 3 prompts
/// × 4 scenarios one model at a time, `quorum judge export` writes the judging file, the test fills
/// it in as a person would, `quorum judge apply` stores it (and refuses a malformed file without
/// losing anything), and `quorum leaderboard`, `status` and `report` show the result.
/// Its servers run on their own ports and PID folder, never touching a user's.
@Suite("Grid and human judging (live)", .serialized, .enabled(if: LiveEnvironment.isEnabled))
struct GridLiveTests {
    @Test("the example grid runs, is judged from a filled file, and ranks its (model, prompt) cells")
    func exampleGrid() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("quorum-grid-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var environment = ProcessInfo.processInfo.environment
        environment["QUORUM_LOCAL_PORT_BASE"] = "18750"
        environment["QUORUM_LOCAL_RUN_DIR"] = folder.appendingPathComponent("run").path
        let store = folder.appendingPathComponent("grid.db").path
        let example = LiveEnvironment.repositoryRoot.appendingPathComponent("examples/grid.yaml").path
        func quorum(_ arguments: [String]) async throws -> (status: Int32, output: String, error: String) {
            let binary = LiveEnvironment.repositoryRoot.appendingPathComponent(".build/debug/quorum").path
            return try await LiveEnvironment.run(binary, arguments, deadline: .seconds(1200), environment: environment)
        }

        let ran = try await quorum(["run", example, "--store", store, "--json"])
        #expect(ran.status == 0, "\(ran.error)")
        #expect(ran.error.contains("model 3/3: qwen-1.5b"))
        #expect(ran.error.contains("stopped local model smollm2-135m (one_model_at_a_time)"))
        let records = try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("run").path)
        #expect(!records.contains { $0.hasSuffix(".json") }, "no server left running: \(records)")
        let runID = try #require(ran.error.firstMatch(of: /run (\d{8}-\d{6}-[0-9a-f]{4})/)?.1).description

        let exported = folder.appendingPathComponent("judging.json").path
        let export = try await quorum(["judge", "export", runID, "--store", store, "--out", exported, "--judge", "ann"])
        #expect(export.status == 0, "\(export.error)")
        var file = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: exported))) as? [String: Any])
        var cells = try #require(file["cells"] as? [[String: Any]])
        #expect(cells.count == 36)
        #expect((file["rubric"] as? [String: Any])?["id"] as? String == "tip-v1")

        // A person's judgment, reproducible: the larger the model, the better; terse answers are in format.
        let ranks = ["smollm2": 2, "qwen-0.5b": 3, "qwen-1.5b": 5]
        for index in cells.indices {
            let model = cells[index]["system"] as? String ?? ""
            let words = (cells[index]["candidate"] as? String ?? "").split(whereSeparator: \.isWhitespace).count
            let rank = ranks[model] ?? 1
            cells[index]["scores"] = ["relevance": rank, "actionability": max(1, rank - 1), "tone": 4]
            cells[index]["flags"] = ["format_ok": words <= 80, "overlong": words > 80]
        }
        file["cells"] = cells
        file["judge"] = "ann"
        let filled = folder.appendingPathComponent("filled.json")
        try JSONSerialization.data(withJSONObject: file).write(to: filled)
        let applied = try await quorum(["judge", "apply", filled.path, "--store", store])
        #expect(applied.status == 0, "\(applied.error)")
        #expect(applied.output.contains("36 cells applied"))
        let again = try await quorum(["judge", "apply", filled.path, "--store", store])
        #expect(again.status == 0 && again.output.contains("36 cells applied"), "idempotent: \(again.output)")

        // A malformed file: every problem named by its JSON path, the rest of the file applied, nothing lost.
        var broken = cells
        broken[0]["scores"] = ["relevance": 9, "actionability": 1, "tone": 1]
        broken[1]["scores"] = ["relevance": 1, "actionability": 1, "tone": NSNull()]
        broken[2]["candidate"] = "an answer nobody gave"
        broken[3]["id"] = "nobody::nothing"
        file["cells"] = broken
        let bad = folder.appendingPathComponent("bad.json")
        try JSONSerialization.data(withJSONObject: file).write(to: bad)
        let refused = try await quorum(["judge", "apply", bad.path, "--store", store])
        #expect(refused.status != 0)
        for path in ["$.cells[0].scores.relevance", "$.cells[1].scores", "$.cells[2]", "$.cells[3].id"] {
            #expect(refused.error.contains(path), "names \(path): \(refused.error)")
        }

        let board = try await quorum(["leaderboard", runID, "--store", store, "--json"])
        #expect(board.status == 0, "\(board.error)")
        let leaderboard = try #require(try JSONSerialization.jsonObject(with: Data(board.output.utf8)) as? [String: Any])
        let rows = try #require(leaderboard["rows"] as? [[String: Any]])
        #expect(rows.count == 9, "one row per (model, prompt)")
        #expect(rows.first?["model"] as? String == "qwen-1.5b")
        #expect(rows.allSatisfy { $0["scenarios"] as? Int == 4 }, "the refused file lost no cell")
        let first = cells[0]
        let top = rows.first { $0["model"] as? String == first["system"] as? String } ?? [:]
        #expect((top["criteria"] as? [[String: Any]])?.isEmpty == false)

        let status = try await quorum(["status", runID, "--store", store])
        #expect(status.output.contains("36/36 cells judged, 0 pending · by ann"), "\(status.output)")
        let report = folder.appendingPathComponent("report.html").path
        let reported = try await quorum(["report", runID, "--store", store, "--out", report])
        #expect(reported.status == 0, "\(reported.error)")
        let html = try String(contentsOfFile: report, encoding: .utf8)
        #expect(html.contains("id=\"leaderboard\"") && html.contains("tip-v1"))
    }
}
