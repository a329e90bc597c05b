import AsyncHTTPClient
import Foundation
import Logging
import QuorumCore
@testable import QuorumCoEval
@testable import QuorumEvaluation
import QuorumProviders
import QuorumRuntime
import QuorumStore
import Synchronization
import Testing

/// `quorum coeval run`'s library path on the real local runtime: two tasks, two teachers, three
/// students (two of them the same local model with different parameters) and two judges.
/// Runs only with `QUORUM_LIVE=1`; keeps its own ports and PID directory and stops its servers.
@Suite("CoEval (live)", .serialized, .enabled(if: ProcessInfo.processInfo.environment["QUORUM_LIVE"] == "1"))
struct CoEvalLiveTests {
    static let yaml = """
        models:
          - name: qwen
            provider: local
            model: qwen2.5-coder-0.5b
            roles: [teacher, student, judge]
            parameters: {temperature: 0.7, max_tokens: 96}
            role_parameters: {student: {max_tokens: 40}, judge: {temperature: 0, max_tokens: 40}}
          - name: smol
            provider: local
            model: smollm2-135m
            roles: [teacher, student, judge]
            parameters: {max_tokens: 96}
            role_parameters: {student: {max_tokens: 40}, judge: {temperature: 0, max_tokens: 40}}
          - name: qwen-terse
            provider: local
            model: qwen2.5-coder-0.5b
            roles: [student]
            parameters: {temperature: 0, max_tokens: 24}
        tasks:
          - name: arithmetic
            description: Short arithmetic word problems.
            output_description: The final number.
            target_attributes: {difficulty: [easy, hard], operation: [addition, multiplication]}
            nuanced_attributes: {setting: [shopping, travel]}
            sampling: {target: [1, 2], nuance: [0, 1], total: 2}
            rubric: {correctness: The final number is right., clarity: The answer is short and clear.}
          - name: python
            description: Write a tiny Python function for a stated purpose.
            output_description: One short Python function.
            target_attributes: auto
            nuanced_attributes: auto
            sampling: {target: [1, 1], nuance: [0, 1], total: 2}
            rubric: auto
        coeval: {name: live-coeval, concurrency: 2}
        """

    @Test("every phase produces artifacts and the calls made are the plan's minus what rejections left undone")
    func endToEnd() async throws {
        try await LiveLocalSession.run(label: "live-coeval", portBase: 18_720) { session in
            let loaded = ConfigLoader().load(yaml: Self.yaml, file: "live.yaml", directory: session.folder)
            #expect(loaded.issues.filter { $0.severity == .error }.isEmpty)
            let config = try #require(loaded.config)
            try await run(
                config: config, folder: session.folder, runtime: session.runtime, httpClient: session.httpClient, logger: session.logger)
        }
    }

    func run(config: QuorumConfig, folder: URL, runtime: LocalRuntime, httpClient: HTTPClient, logger: Logger) async throws {
        let setup = try CoEvalSetup(config: config)
        let assembly = try await Assembly.assemble(config, for: setup.allModels, clients: HTTPClients(shared: httpClient), runtime: runtime, logger: logger)
        let counters = try setup.allModels.map { PhaseCounter(base: try #require(assembly.models[$0])) }
        let models = Dictionary(uniqueKeysWithValues: counters.map { ($0.name, $0 as any ChatModel) })
        let store = try SQLiteRunStore(path: folder.appendingPathComponent("runs.db").path)
        let runner = CoEvalRunner(setup: setup, store: store, models: models, logger: logger)
        let runID = try await runner.prepare(continuing: nil)
        _ = try await runner.run(runID, isContinuation: false)

        let artifacts = try await store.coevalArtifacts(ofRun: runID)
        let rejections = try await store.coevalRejections(ofRun: runID)
        let plan = CoEvalPlanner(setup: setup).plan()
        var calls: [CoEvalPhase: Int] = [:]
        for counter in counters { calls.merge(counter.calls, uniquingKeysWith: +) }
        func rejected(_ phase: CoEvalPhase) -> Int { rejections.count { $0.phase == phase } }
        let planned = Dictionary(uniqueKeysWithValues: plan.phases.map { ($0.phase, $0.calls) })

        #expect(!artifacts.attributes.isEmpty && !artifacts.rubrics.isEmpty)
        #expect(!artifacts.items.isEmpty && !artifacts.responses.isEmpty && !artifacts.evaluations.isEmpty)
        // Phases 1-2 make every planned call; each call is either a stored proposal or a rejection.
        #expect(calls[.attributeMapping, default: 0] == planned[.attributeMapping])
        #expect(calls[.rubricMapping, default: 0] == planned[.rubricMapping])
        #expect(artifacts.attributes.count { $0.teacher != nil } + rejected(.attributeMapping) == planned[.attributeMapping])
        // Phase 3 writes 2 items per teacher for each task that got attributes (all proposals rejected: none).
        let tasksWithAttributes = setup.tasks.count { artifacts.attributeMap(forTask: $0.name) != nil }
        #expect(calls[.dataGeneration, default: 0] == tasksWithAttributes * 2 * setup.teachers.count)
        #expect(artifacts.items.count + rejected(.dataGeneration) == calls[.dataGeneration, default: 0])
        // Phase 4 answers every stored item; phase 5 grades every stored response of a task with a rubric.
        #expect(calls[.responseCollection, default: 0] == artifacts.items.count * setup.students.count)
        #expect(artifacts.responses.count + rejected(.responseCollection) == calls[.responseCollection, default: 0])
        let gradable = artifacts.responses.count { artifacts.rubric(forTask: $0.task) != nil }
        #expect(calls[.evaluation, default: 0] == gradable * setup.judges.count)
        #expect(artifacts.evaluations.count + rejected(.evaluation) == calls[.evaluation, default: 0])
        if rejections.isEmpty { #expect(calls == planned.filter { $0.value > 0 }) }

        let status = try await CoEvalStatus.build(runID: runID, store: store)
        #expect(status.spend.map(\.calls).reduce(0, +) == calls.values.reduce(0, +))
        #expect(status.phases.map(\.rejected).reduce(0, +) == rejections.count)
        logger.notice("live coeval", metadata: ["calls": "\(calls.values.reduce(0, +))", "rejected": "\(rejections.count)"])
    }
}

/// Passes calls through to a real model and counts them per CoEval phase (by the default prompts).
final class PhaseCounter: ChatModel {
    let base: any ChatModel
    private let counts = Mutex<[CoEvalPhase: Int]>([:])

    init(base: any ChatModel) { self.base = base }

    var name: String { base.name }
    var calls: [CoEvalPhase: Int] { counts.withLock { $0 } }

    func complete(_ request: ChatRequest) async throws -> Completion {
        let prompt = request.messages.last?.content ?? ""
        let phase: CoEvalPhase =
            prompt.contains("Propose the attributes") ? .attributeMapping
            : prompt.contains("criteria to judge answers") ? .rubricMapping
            : prompt.contains("Write one test item") ? .dataGeneration
            : prompt.contains("Grade a response") ? .evaluation : .responseCollection
        // Counted before the call: a failed call is an attempt too (recorded as a `failed` rejection).
        counts.withLock { $0[phase, default: 0] += 1 }
        return try await base.complete(request)
    }
}
