import Foundation
import QuorumCore
import QuorumStore
import QuorumTesting
import Testing

@testable import QuorumCoEval
@testable import QuorumEvaluation

/// `quorum coeval` with `store: postgres://…`: the same run on PostgreSQL and on SQLite stores the
/// same artifacts and spending, and continuing it on PostgreSQL pays for nothing again.
@Suite("CoEval on PostgreSQL (live)", .serialized, .enabled(if: LiveEnvironment.isEnabled))
struct CoEvalPostgresLiveTests {
    /// Two teachers, two students, one judge over one task with attributes and rubric given in the
    /// config (phases 1–2 have nothing to ask), two items per teacher.
    static func setup() throws -> CoEvalSetup {
        var models: [ModelConfig] = []
        for (name, role) in [("t1", "teacher"), ("t2", "teacher"), ("s1", "student"), ("s2", "student"), ("j1", "judge")] {
            var model = ModelConfig(name: name, provider: "openai", model: "m")
            model.roles = [role]
            models.append(model)
        }
        var config = QuorumConfig(models: models)
        var task = CoEvalTaskConfig(name: "math", description: "Arithmetic.")
        task.outputDescription = "A number."
        task.targetAttributes = .given([CoEvalNamedValues(name: "level", values: ["easy", "hard"])])
        task.nuancedAttributes = .given([CoEvalNamedValues(name: "tone", values: ["dry"])])
        task.rubric = .given([CoEvalNamedText(name: "accuracy", text: "Right."), CoEvalNamedText(name: "clarity", text: "Clear.")])
        task.sampling = CoEvalSamplingConfig(target: CoEvalRange(min: 1, max: 1), nuance: CoEvalRange(min: 0, max: 1), total: 2)
        config.tasks = [task]
        config.coeval = CoEvalConfig()
        return try CoEvalSetup(config: config)
    }

    /// Well-formed replies for phases 3–5, told apart by CoEval's default prompts.
    static func models(log: CallLog) -> [String: any ChatModel] {
        Dictionary(uniqueKeysWithValues: ["t1", "t2", "s1", "s2", "j1"].map { name in
            (name, ScriptedModel(name, log: log) { request, _ in
                let prompt = request.messages.last?.content ?? ""
                if prompt.contains("Write one test item") { return #"{"prompt": "What is 2+2 (\#(name))?", "reference_response": "4"}"# }
                if prompt.contains("Grade a response") { return #"{"accuracy": "High", "clarity": "Medium"}"# }
                return "4, says \(name)"
            } as any ChatModel)
        })
    }

    static func runTwice(_ store: any CoEvalStore) async throws -> (runID: String, paid: Int, paidAgain: Int) {
        let log = CallLog()
        let runner = CoEvalRunner(setup: try setup(), store: store, models: models(log: log))
        let runID = try await runner.prepare(continuing: nil)
        let outcome = try await runner.run(runID, isContinuation: false)
        #expect(outcome.status == .completed)
        let paid = await log.entries.count
        let again = try await runner.prepare(continuing: runID)
        _ = try await runner.run(again, isContinuation: true)
        return (runID, paid, await log.entries.count - paid)
    }

    @Test("a CoEval run on PostgreSQL stores what SQLite stores and resumes without paying twice")
    func runsOnPostgres() async throws {
        try await PostgresServerProcess.with { server in
            let folder = NSTemporaryDirectory() + "quorum-coeval-pg-\(UUID().uuidString)"
            defer { try? FileManager.default.removeItem(atPath: folder) }
            let postgres = try await StoreLocation(server.url).openCoEvalStore()
            defer { (postgres as? PostgresRunStore)?.close() }
            let onPostgres = try await Self.runTwice(postgres)
            let sqlite = try SQLiteRunStore(path: folder + "/runs.db")
            let onSQLite = try await Self.runTwice(sqlite)
            // 4 items, 8 responses, 8 evaluations; nothing paid on the second pass.
            #expect(onPostgres.paid == 20 && onPostgres.paidAgain == 0 && onSQLite.paid == onPostgres.paid)
            let artifacts = try await postgres.coevalArtifacts(ofRun: onPostgres.runID)
            let reference = try await sqlite.coevalArtifacts(ofRun: onSQLite.runID)
            // Units finish in whatever order their calls return: the same ids, not the same order.
            #expect(artifacts.items.map(\.id).sorted() == reference.items.map(\.id).sorted())
            #expect(artifacts.responses.map(\.id).sorted() == reference.responses.map(\.id).sorted())
            #expect(artifacts.evaluations.count == 8)
            #expect(artifacts.evaluations.map(\.id).sorted() == reference.evaluations.map(\.id).sorted())
            let spend = try await postgres.coevalSpending(ofRun: onPostgres.runID)
            #expect(spend.values.map(\.calls).reduce(0, +) == 20)
            #expect(spend.values.map(\.cost).sum() == USD(string: "0.02"))
            let status = try await CoEvalStatus.build(runID: onPostgres.runID, store: postgres)
            let sqliteStatus = try await CoEvalStatus.build(runID: onSQLite.runID, store: sqlite)
            #expect(status.phases.map(\.done) == sqliteStatus.phases.map(\.done))
            let results = try await CoEvalResults.load(runID: onPostgres.runID, from: postgres)
            #expect(results.artifacts.evaluations.count == 8)
        }
    }
}
