import Foundation
import QuorumCore
@testable import QuorumCoEval
import QuorumTesting
import Testing

@Suite("CoEval benchmark ingest")
struct CoEvalIngestTests {
    /// One task, one teacher, student and judge; `exact` is scored by exact match.
    static func fixture() -> CoEvalFixture {
        var fixture = CoEvalFixture(teachers: 1, students: 1, judges: 1, total: 1, autoAttributes: false, autoRubric: false)
        fixture.config.tasks = [fixture.config.tasks[0]]
        fixture.config.tasks[0].rubric = .given([
            CoEvalNamedText(name: "accuracy", text: "Right."), CoEvalNamedText(name: "exact", text: "Exact.", metric: "exact_match"),
        ])
        // The student knows one answer of quick-qa: 17 + 25.
        fixture.replace("student1", with: CoEvalScriptedModel("student1") { phase, prompt, _ in
            phase == .responseCollection && prompt.contains("17 + 25") ? "42" : nil
        })
        return fixture
    }

    @Test("a built-in benchmark enters phase 3 once, however often it is ingested, and --continue answers and grades it")
    func builtinTwiceThenContinue() async throws {
        let temporary = try TemporaryStore()
        let fixture = Self.fixture()
        let first = try await fixture.run(temporary.store)
        let ingest = CoEvalBenchmarkIngest(benchmark: "quick-qa", limit: 3)
        let once = try await ingest.ingest(into: first.runID, store: temporary.store)
        let twice = try await ingest.ingest(into: first.runID, store: temporary.store)
        #expect(once.added == 3 && once.alreadyPresent == 0 && once.task == "math")
        #expect(twice.added == 0 && twice.alreadyPresent == 3)
        var artifacts = try await temporary.store.coevalArtifacts(ofRun: first.runID)
        let ingested = artifacts.items.filter { $0.teacher == "quick-qa-benchmark" }
        #expect(ingested.map(\.id) == ["math.quick-qa-benchmark.qa-001", "math.quick-qa-benchmark.qa-002", "math.quick-qa-benchmark.qa-003"])
        #expect(ingested.first?.referenceResponse == "42")

        _ = try await fixture.run(temporary.store, continuing: first.runID)
        artifacts = try await temporary.store.coevalArtifacts(ofRun: first.runID)
        #expect(artifacts.responses.count { $0.teacher == "quick-qa-benchmark" } == 3)
        let exact = artifacts.evaluations.filter { $0.teacher == "quick-qa-benchmark" && $0.judge == "metric:exact_match" }
        #expect(exact.count == 3)
        #expect(exact.first { $0.itemID.hasSuffix("qa-001") }?.scores["exact"] == .high)
        #expect(exact.first { $0.itemID.hasSuffix("qa-002") }?.scores["exact"] == .low)
        #expect(artifacts.evaluations.count { $0.teacher == "quick-qa-benchmark" && $0.judge == "judge1" } == 3)
        #expect(CoEvalAnalysis(artifacts: artifacts).teachers.contains("quick-qa-benchmark"))
    }

    @Test("a JSONL file with a field mapping, and the label of a classification task")
    func fileWithMapping() async throws {
        let temporary = try TemporaryStore()
        var fixture = Self.fixture()
        fixture.config.tasks[0].targetAttributes = .given([CoEvalNamedValues(name: "sentiment", values: ["pos", "neg"])])
        fixture.config.tasks[0].labelAttributes = ["sentiment"]
        let run = try await fixture.run(temporary.store)
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("ingest-\(UUID().uuidString).jsonl")
        defer { try? FileManager.default.removeItem(at: file) }
        try """
            {"key": "r.1", "text": "Loved it", "gold": "pos"}
            {"key": "r.2", "text": "Awful", "gold": "neg"}
            """.write(to: file, atomically: true, encoding: .utf8)
        let mapping = try FieldMapping(pairs: "id=key, prompt=text,reference=gold")
        let result = try await CoEvalBenchmarkIngest(benchmark: "reviews", file: file.path, mapping: mapping)
            .ingest(into: run.runID, store: temporary.store)
        #expect(result.added == 2 && result.teacher == "reviews-benchmark")
        let items = try await temporary.store.coevalArtifacts(ofRun: run.runID).items.filter { $0.teacher == "reviews-benchmark" }
        #expect(items.map(\.id) == ["math.reviews-benchmark.r_1", "math.reviews-benchmark.r_2"])
        #expect(items.map(\.prompt) == ["Loved it", "Awful"])
        #expect(items.map { $0.sampledTarget["sentiment"] } == ["pos", "neg"])
    }

    @Test("a run of benchmark items alone needs no teacher: data_generation Keep, ingest, --continue")
    func benchmarkOnly() async throws {
        let temporary = try TemporaryStore()
        var fixture = Self.fixture()
        fixture.config.models.removeAll { $0.name == "teacher1" }
        fixture.models["teacher1"] = nil
        fixture.setModes(CoEvalPhasesConfig(dataGeneration: "Keep"))
        #expect(throws: Never.self) { try fixture.config.validate() }
        let first = try await fixture.run(temporary.store)
        #expect(try await temporary.store.coevalArtifacts(ofRun: first.runID).items.isEmpty)
        _ = try await CoEvalBenchmarkIngest(benchmark: "quick-qa", limit: 2).ingest(into: first.runID, store: temporary.store)
        let outcome = try await fixture.run(temporary.store, continuing: first.runID)
        let artifacts = try await temporary.store.coevalArtifacts(ofRun: first.runID)
        #expect(artifacts.responses.count == 2 && artifacts.evaluations.count == 4)
        #expect(outcome.made[CoEvalPhase.dataGeneration.rawValue] == nil)
    }

    @Test("a bad --map, an unknown task and an experiment run are refused with a sentence")
    func refusals() async throws {
        #expect(throws: QuorumError.self) { try FieldMapping(pairs: "promt=question") }
        #expect(throws: QuorumError.self) { try FieldMapping(pairs: "prompt") }
        let temporary = try TemporaryStore()
        let run = try await Self.fixture().run(temporary.store)
        await #expect(throws: QuorumError.self) {
            try await CoEvalBenchmarkIngest(benchmark: "quick-qa", task: "maths").ingest(into: run.runID, store: temporary.store)
        }
        await #expect(throws: QuorumError.self) {
            try await CoEvalBenchmarkIngest(benchmark: "quick-qa").ingest(into: "no-such-run", store: temporary.store)
        }
    }
}
