import Foundation
import QuorumCore
import Testing

@testable import QuorumCoEval

@Suite("CoEval export")
struct CoEvalExportTests {
    func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("coeval-export-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    func lines(_ url: URL) throws -> [[String: Any]] {
        try String(contentsOf: url, encoding: .utf8).split(separator: "\n").map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
    }

    func object(_ url: URL) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
    }

    @Test("writes CoEval's folders and file names, one file per (task, teacher[, model])")
    func layout() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let written = try CoEvalExporter(artifacts: GradedCoEvalRun.artifacts()).export(to: directory)
        let names = written.map { String($0.path.dropFirst(directory.path.count + 1)) }
        #expect(names == [
            "meta.json", "phase1_attributes/qa.nuanced_attrs.json", "phase1_attributes/qa.target_attrs.json",
            "phase2_rubric/qa.rubric.json", "phase3_datapoints/qa.T1.datapoints.jsonl", "phase3_datapoints/qa.T2.datapoints.jsonl",
            "phase4_responses/qa.T1.S1.responses.jsonl", "phase4_responses/qa.T1.S2.responses.jsonl",
            "phase4_responses/qa.T1.S3.responses.jsonl", "phase4_responses/qa.T2.S1.responses.jsonl",
            "phase4_responses/qa.T2.S2.responses.jsonl", "phase4_responses/qa.T2.S3.responses.jsonl",
            "phase5_evaluations/qa.T1.J1.evaluations.jsonl", "phase5_evaluations/qa.T1.J2.evaluations.jsonl",
            "phase5_evaluations/qa.T2.J1.evaluations.jsonl", "phase5_evaluations/qa.T2.J2.evaluations.jsonl",
        ])
    }

    @Test("records carry CoEval's field names, ids and values")
    func records() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try CoEvalExporter(artifacts: GradedCoEvalRun.artifacts()).export(to: directory)
        let meta = try object(directory.appendingPathComponent("meta.json"))
        #expect(meta["experiment_id"] as? String == "coeval-1" && meta["status"] as? String == "completed")
        #expect((meta["phases_completed"] as? [String])?.count == 5)
        #expect(try object(directory.appendingPathComponent("phase1_attributes/qa.target_attrs.json")) as? [String: [String]] == ["difficulty": ["easy", "hard"]])
        let rubricText = try String(contentsOf: directory.appendingPathComponent("phase2_rubric/qa.rubric.json"), encoding: .utf8)
        #expect(rubricText == "{\"accuracy\": \"The answer is correct.\", \"clarity\": \"The answer is clear.\"}\n")

        let datapoints = try lines(directory.appendingPathComponent("phase3_datapoints/qa.T1.datapoints.jsonl"))
        #expect(datapoints.map { $0["id"] as? String } == ["qa__T1__00001", "qa__T1__00002"])
        let first = try #require(datapoints.first)
        #expect(Set(first.keys) == ["id", "task_id", "teacher_model_id", "sampled_target_attributes", "prompt", "reference_response", "generated_at", "sampled_nuanced_attributes"])
        #expect(first["teacher_model_id"] as? String == "T1" && first["prompt"] as? String == "Question qa.T1.1?")
        #expect(first["reference_response"] as? String == "Answer qa.T1.1." && first["generated_at"] as? String == "2025-11-24T16:00:00Z")
        #expect(first["sampled_target_attributes"] as? [String: String] == ["difficulty": "easy"])

        let responses = try lines(directory.appendingPathComponent("phase4_responses/qa.T1.S2.responses.jsonl"))
        let response = try #require(responses.first)
        #expect(responses.count == 2)
        #expect(Set(response.keys) == ["id", "datapoint_id", "task_id", "teacher_model_id", "student_model_id", "input", "response", "token_count", "generated_at"])
        #expect(response["id"] as? String == "qa__T1__00001__S2" && response["datapoint_id"] as? String == "qa__T1__00001")
        #expect(response["input"] as? String == "Question qa.T1.1?" && response["response"] as? String == "S2 answers qa.T1.1")
        #expect(response["token_count"] as? Int == 5)

        let evaluations = try lines(directory.appendingPathComponent("phase5_evaluations/qa.T1.J2.evaluations.jsonl"))
        #expect(evaluations.count == 6)
        let skipped = try #require(evaluations.first { $0["response_id"] as? String == "qa__T1__00002__S3" })
        #expect(Set(skipped.keys) == ["id", "response_id", "datapoint_id", "task_id", "teacher_model_id", "judge_model_id", "scores", "evaluated_at"])
        #expect(skipped["id"] as? String == "qa__T1__00002__S3__J2" && skipped["judge_model_id"] as? String == "J2")
        #expect(skipped["scores"] as? [String: String] == ["accuracy": "Low"])
        let evaluationText = try String(contentsOf: directory.appendingPathComponent("phase5_evaluations/qa.T1.J1.evaluations.jsonl"), encoding: .utf8)
        #expect(evaluationText.contains("\"scores\": {\"accuracy\": \"High\", \"clarity\": \"High\"}"))
    }

    @Test("text with quotes, newlines and non-ASCII survives as JSON")
    func escaping() throws {
        var artifacts = GradedCoEvalRun.artifacts()
        artifacts.items[0].prompt = "Say \"hi\"\n\tthen <b>é</b> \\ \u{1}"
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try CoEvalExporter(artifacts: artifacts).export(to: directory)
        let datapoints = try lines(directory.appendingPathComponent("phase3_datapoints/qa.T1.datapoints.jsonl"))
        #expect(datapoints.first?["prompt"] as? String == artifacts.items[0].prompt)
        #expect(try String(contentsOf: directory.appendingPathComponent("phase3_datapoints/qa.T1.datapoints.jsonl"), encoding: .utf8).contains("é"))
    }

    @Test("refuses a non-empty unrelated directory unless replacing, and re-exports the same run in place")
    func refusal() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try Data("mine".utf8).write(to: directory.appendingPathComponent("notes.txt"))
        let exporter = CoEvalExporter(artifacts: GradedCoEvalRun.artifacts())
        #expect(throws: QuorumError.self) { try exporter.export(to: directory) }
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("meta.json").path))

        try exporter.export(to: directory, replacing: true)
        #expect(FileManager.default.fileExists(atPath: directory.appendingPathComponent("notes.txt").path))

        // A second export of the same run needs no flag and drops files of items no longer in the run.
        var fewer = GradedCoEvalRun.artifacts()
        fewer.items.removeAll { $0.teacher == "T2" }
        fewer.responses.removeAll { $0.teacher == "T2" }
        fewer.evaluations.removeAll { $0.teacher == "T2" }
        try CoEvalExporter(artifacts: fewer).export(to: directory)
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("phase3_datapoints/qa.T2.datapoints.jsonl").path))

        var other = GradedCoEvalRun.artifacts()
        other.runID = "coeval-2"
        #expect(throws: QuorumError.self) { try CoEvalExporter(artifacts: other).export(to: directory) }
    }

    @Test("an empty or missing directory is created; an in-progress run says so in meta.json")
    func partialRun() throws {
        let directory = try temporaryDirectory().appendingPathComponent("nested/out")
        defer { try? FileManager.default.removeItem(at: directory.deletingLastPathComponent().deletingLastPathComponent()) }
        var artifacts = GradedCoEvalRun.artifacts()
        artifacts.evaluations = []
        let written = try CoEvalExporter(artifacts: artifacts).export(to: directory)
        #expect(!written.contains { $0.path.contains("phase5_evaluations/") })
        #expect(!written.contains { $0.lastPathComponent == "config.yaml" })
        let withConfig = try CoEvalExporter(artifacts: artifacts, configYAML: "models: []\n").export(to: directory)
        #expect(withConfig.first?.lastPathComponent == "config.yaml")
        #expect(try String(contentsOf: directory.appendingPathComponent("config.yaml"), encoding: .utf8) == "models: []\n")
        let meta = try object(directory.appendingPathComponent("meta.json"))
        #expect(meta["status"] as? String == "in_progress")
        #expect(meta["phases_completed"] as? [String] == ["attribute_mapping", "rubric_mapping", "data_generation", "response_collection"])
    }

    @Test("ids become CoEval's: zero-padded numbers, other ids kept")
    func datapointIDs() {
        #expect(CoEvalExporter.datapointID(itemID: "qa.T1.12", task: "qa", teacher: "T1") == "qa__T1__00012")
        #expect(CoEvalExporter.datapointID(itemID: "custom-7", task: "qa", teacher: "T1") == "custom-7")
    }
}
