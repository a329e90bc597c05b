import Foundation
import QuorumCore
@testable import QuorumCoEval
import QuorumStore
import QuorumTesting
import Testing

/// `coeval repair`, `--only-models`, `plan --continue`, `--estimate-samples`, `describe` and `generate`.
@Suite("CoEval tools")
struct CoEvalToolsTests {
    @Test("--only-models runs only those models' units; the others stay gaps that a later run fills")
    func onlyModels() async throws {
        let temporary = try TemporaryStore()
        let fixture = CoEvalFixture(teachers: 2, students: 2, judges: 1, total: 1, autoAttributes: false, autoRubric: false)
        let setup = try CoEvalSetup(config: fixture.config).restricted(to: ["teacher1", "student1", "judge1"])
        let runner = CoEvalRunner(setup: setup, store: temporary.store, models: fixture.models.mapValues { $0 as any ChatModel })
        let id = try await runner.prepare(continuing: nil)
        let outcome = try await runner.run(id, isContinuation: false)
        #expect(fixture.models["teacher2"]?.totalCalls == 0 && fixture.models["student2"]?.totalCalls == 0)
        #expect(fixture.models["teacher1"]?.calls[.dataGeneration] == 2)
        #expect(outcome.status == .stopped)
        let status = try await CoEvalStatus.build(runID: id, store: temporary.store)
        #expect(status.phases.first { $0.phase == .dataGeneration }?.gaps == 2)
        // A run without the flag fills the skipped units and keeps what is there.
        let full = try await fixture.run(temporary.store, continuing: id)
        #expect(full.status == .completed)
        #expect(fixture.models["teacher1"]?.calls[.dataGeneration] == 2)
        #expect(throws: QuorumError.self) { try CoEvalSetup(config: fixture.config).restricted(to: ["techer1"]) }
    }

    @Test("plan --continue counts only the units the run has not made yet")
    func planContinue() async throws {
        let temporary = try TemporaryStore()
        var fixture = CoEvalFixture(teachers: 2, students: 2, judges: 2, total: 2)
        fixture.config.coeval?.quota = ["student1": CoEvalQuota(maxCalls: 3)]
        let outcome = try await fixture.run(temporary.store)
        #expect(outcome.status == .stopped)
        let artifacts = try await temporary.store.coevalArtifacts(ofRun: outcome.runID)
        var planner = CoEvalPlanner(setup: try CoEvalSetup(config: fixture.config))
        let full = planner.plan()
        planner.progress = CoEvalProgress(artifacts)
        let remaining = planner.plan()
        let status = try await CoEvalStatus.build(runID: outcome.runID, store: temporary.store)
        for phase in CoEvalPhase.allCases {
            let line = try #require(status.phases.first { $0.phase == phase })
            let calls = remaining.phases.first { $0.phase == phase }?.calls
            #expect(calls == line.expected - line.done, "phase \(phase)")
        }
        #expect(remaining.models.map(\.model) == ["student1", "judge1", "judge2"])
        #expect(remaining.totalCalls < full.totalCalls)
        // Once everything is made, nothing remains.
        fixture.config.coeval?.quota = nil
        _ = try await fixture.run(temporary.store, continuing: outcome.runID)
        planner.progress = CoEvalProgress(try await temporary.store.coevalArtifacts(ofRun: outcome.runID))
        #expect(planner.plan().totalCalls == 0)
    }

    @Test("--estimate-samples makes N real calls per model and extrapolates from their tokens")
    func estimateSamples() async throws {
        let fixture = CoEvalFixture(teachers: 1, students: 1, judges: 1, total: 2)
        let setup = try CoEvalSetup(config: fixture.config)
        let measured = try await CoEvalSampling(setup: setup, samples: 3).measure(models: fixture.models.mapValues { $0 as any ChatModel })
        #expect(fixture.models.values.map(\.totalCalls).sorted() == [3, 3, 3])
        #expect(measured["student1"]?.completionTokens == 5 && measured["student1"]?.calls == 3)
        var planner = CoEvalPlanner(setup: setup)
        planner.measured = measured
        let plan = planner.plan()
        // The scripted models answer with 5 tokens: 5 per call instead of half of 512.
        for line in plan.models { #expect(line.completionTokens == Double(line.calls) * 5, "model \(line.model)") }
        #expect(plan.wallSeconds != nil)
        #expect(plan.assumptions.contains { $0.contains("measured on 3 call(s)") })
        #expect(try await CoEvalSampling(setup: setup, samples: 0).measure(models: [:]).isEmpty)
    }

    @Test("repair marks unreadable records failed, sets them aside without deleting, and --continue refills them")
    func repair() async throws {
        let temporary = try TemporaryStore()
        var fixture = CoEvalFixture(teachers: 1, students: 1, judges: 1, total: 2, autoAttributes: false, autoRubric: false)
        // Keep would skip a phase that has any output: the repaired phases must be reopened to refill.
        fixture.setModes(CoEvalPhasesConfig(dataGeneration: "Keep", responseCollection: "Keep"))
        let outcome = try await fixture.run(temporary.store)
        #expect(outcome.status == .completed)
        let store = temporary.store
        // One corrupt record, one that no longer passes the item reader (a blank prompt).
        try await store.saveCoEvalArtifactRecord(
            Data("{not json".utf8), runID: outcome.runID, phase: .responseCollection, id: "math.teacher1.1.student1", task: "math",
            model: "student1")
        let blank = CoEvalItem(id: "poems.teacher1.2", task: "poems", teacher: "teacher1", prompt: " ", referenceResponse: "x")
        try await store.saveCoEvalArtifact(blank, runID: outcome.runID, phase: .dataGeneration, id: blank.id, task: "poems", model: "teacher1")
        let rowsBefore = try await store.coevalArtifactRows(ofRun: outcome.runID).count

        let dry = try await CoEvalRepair.run(outcome.runID, store: store, dryRun: true)
        #expect(Set(dry.findings.map(\.id)) == ["math.teacher1.1.student1", "poems.teacher1.2"])
        #expect(try await store.coevalRejections(ofRun: outcome.runID).isEmpty)
        #expect(try await store.run(outcome.runID)?.status == .completed)

        let repaired = try await CoEvalRepair.run(outcome.runID, store: store, dryRun: false)
        #expect(repaired.reopened == [.dataGeneration, .responseCollection])
        #expect(try await store.coevalArtifactRows(ofRun: outcome.runID).count == rowsBefore)
        let rejections = try await store.coevalRejections(ofRun: outcome.runID)
        #expect(rejections.count == 2 && rejections.allSatisfy { $0.kind == .failed && $0.reason.hasPrefix("repair: ") })
        #expect(rejections.first { $0.unitID == "poems.teacher1.2" }?.reason.contains("no prompt") == true)
        #expect(try await store.run(outcome.runID)?.status == .stopped)
        let status = try await CoEvalStatus.build(runID: outcome.runID, store: store)
        #expect(status.phases.map(\.rejected) == [0, 0, 1, 1, 0])

        #expect(try await store.coevalState(ofRun: outcome.runID).reopened == [3, 4])
        let refilled = try await fixture.run(store, continuing: outcome.runID)
        #expect(refilled.status == .completed)
        #expect(try await store.coevalState(ofRun: outcome.runID).reopened == nil)
        let artifacts = try await store.coevalArtifacts(ofRun: outcome.runID)
        #expect(artifacts.items.first { $0.id == "poems.teacher1.2" }?.prompt.isEmpty == false)
        #expect(try await CoEvalRepair.run(outcome.runID, store: store, dryRun: true).findings.isEmpty)
    }

    @Test("describe writes one self-contained page with each phase's units, calls per model, tokens and cost")
    func describe() throws {
        let fixture = CoEvalFixture(teachers: 2, students: 2, judges: 1, total: 3)
        let setup = try CoEvalSetup(config: fixture.config)
        let plan = CoEvalPlanner(setup: setup).plan()
        let html = CoEvalDescription(setup: setup, plan: plan).rendered()
        for phase in CoEvalPhase.allCases { #expect(html.contains("id=\"phase-\(phase.rawValue)\"")) }
        #expect(html.contains("\(plan.totalCalls) calls"))
        #expect(html.contains("12 units · 12 calls"))  // phase 3: 2 teachers × 2 tasks × 3
        #expect(html.contains("<td>teacher2</td><td class=\"num\">6</td>"))
        #expect(!html.contains("<script src") && !html.contains("<link") && !html.contains("https://"))
    }

    @Test("generate runs phases 1-2 only and writes YAML whose auto attributes and rubrics are static")
    func generate() async throws {
        let temporary = try TemporaryStore()
        let fixture = CoEvalFixture(teachers: 2, students: 1, judges: 1, total: 2)
        let yaml = """
            models:
              - {name: teacher1, provider: openai, model: m, api_key: "${NO_SUCH_KEY:-x}", roles: [teacher]}
              - {name: teacher2, provider: openai, model: m, api_key: x, roles: [teacher]}
              - {name: student1, provider: openai, model: m, api_key: x, roles: [student]}
              - {name: judge1, provider: openai, model: m, api_key: x, roles: [judge]}
            tasks:
              - name: math
                description: The math task.
                target_attributes: auto   # teachers propose
                nuanced_attributes: auto
                sampling: {total: 2}
                rubric: auto
              - name: poems
                description: The poems task.
                target_attributes: auto
                nuanced_attributes: auto
            coeval: {name: gen}
            """
        let setup = try CoEvalSetup(config: fixture.config)
        let materializer = CoEvalMaterializer(setup: setup, store: temporary.store, models: fixture.models.mapValues { $0 as any ChatModel })
        let result = try await materializer.materialize(yaml)
        #expect(fixture.callsByPhase[.dataGeneration] == nil && fixture.callsByPhase[.attributeMapping] == 4)
        #expect(!result.yaml.contains(": auto"))
        #expect(result.yaml.contains("${NO_SUCH_KEY:-x}"))
        let loaded = ConfigLoader(environment: [:]).load(yaml: result.yaml, file: "m.yaml", directory: nil)
        let config = try #require(loaded.config)
        let math = try #require(config.tasks.first)
        #expect(math.targetAttributes?.given?.map(\.name) == ["difficulty", "topic"])
        #expect(math.rubric?.given?.map(\.name) == ["accuracy", "teacher1_style", "teacher2_style"])
        #expect(config.tasks[1].rubric?.given?.isEmpty == false)
        #expect(try CoEvalSetup(config: config).tasks.allSatisfy { !$0.targetAttributes!.isAuto })
    }
}
