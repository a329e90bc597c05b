import Foundation
import QuorumCore
@testable import QuorumCoEval
import QuorumEvaluation
import QuorumOrchestration
import QuorumTesting
import Testing

@Suite("CoEval modes, resume and quotas")
struct CoEvalModesTests {
    @Test("a quota stops one model, leaves gaps the status shows, and --continue fills them without paying twice")
    func quotaGaps() async throws {
        let temporary = try TemporaryStore()
        var fixture = CoEvalFixture(teachers: 2, students: 1, judges: 1, total: 3)
        // teacher1 has 2 attribute + 2 rubric + 6 item calls to make; allow 5: one item, five gaps.
        fixture.config.coeval?.quota = ["teacher1": CoEvalQuota(maxCalls: 5)]
        let first = try await fixture.run(temporary.store)
        #expect(first.status == .stopped)
        #expect(first.stops.map(\.model) == ["teacher1"])
        let status = try await CoEvalStatus.build(runID: first.runID, store: temporary.store)
        #expect(status.phases[2].done == 7 && status.phases[2].gaps == 5)
        #expect(status.phases[3].done == 7 && status.phases[4].done == 7)
        #expect(status.stops.first?.model == "teacher1")
        #expect(fixture.models["teacher1"]?.totalCalls == 5)

        let second = try await fixture.run(temporary.store, continuing: first.runID)
        #expect(second.status == .completed)
        #expect(second.stops.isEmpty)
        #expect(fixture.models["teacher1"]?.totalCalls == 10)
        #expect(fixture.models["teacher2"]?.totalCalls == 10)
        #expect(fixture.models["student1"]?.totalCalls == 12)
        #expect(fixture.models["judge1"]?.totalCalls == 12)
        let final = try await CoEvalStatus.build(runID: first.runID, store: temporary.store)
        #expect(final.phases.allSatisfy { $0.gaps == 0 && $0.done == $0.expected })
        #expect(final.spend.map(\.calls).reduce(0, +) == 44)
    }

    @Test("Keep skips a phase that has output; Extend fills only what is missing")
    func keepAndExtend() async throws {
        let temporary = try TemporaryStore()
        var fixture = CoEvalFixture(teachers: 1, students: 1, judges: 1, total: 2)
        fixture.setModes(CoEvalPhasesConfig(responseCollection: "Keep", evaluation: "Keep"))
        fixture.config.tasks[0].sampling?.total = 1
        let first = try await fixture.run(temporary.store)
        // Nothing stored yet, so Keep generates.
        #expect(fixture.callsByPhase[.responseCollection] == 3)
        fixture.config.tasks[0].sampling?.total = 2
        let after = fixture.callsByPhase
        _ = try await fixture.run(temporary.store, continuing: first.runID)
        let delta = fixture.callsByPhase.merging(after) { $0 - $1 }
        // Extend (the default New acts on what is missing) writes math item 2; Keep adds no response to it.
        #expect(delta[.dataGeneration] == 1)
        #expect(delta[.responseCollection] == 0 && delta[.evaluation] == 0)
        fixture.setModes(CoEvalPhasesConfig(responseCollection: "Extend", evaluation: "Extend"))
        _ = try await fixture.run(temporary.store, continuing: first.runID)
        let artifacts = try await temporary.store.coevalArtifacts(ofRun: first.runID)
        #expect(artifacts.responses.count == 4 && artifacts.evaluations.count == 4)
        #expect(fixture.callsByPhase[.responseCollection] == 4)
    }

    @Test("Model fills only (task, model) pairs that have nothing yet")
    func modelMode() async throws {
        let temporary = try TemporaryStore()
        var fixture = CoEvalFixture(teachers: 1, students: 1, judges: 1, total: 2)
        let first = try await fixture.run(temporary.store)
        var model = ModelConfig(name: "student2", provider: "openai", model: "m")
        model.roles = ["student"]
        fixture.config.models.append(model)
        fixture.replace("student2", with: CoEvalScriptedModel("student2"))
        fixture.config.tasks[0].sampling?.total = 3
        fixture.setModes(CoEvalPhasesConfig(dataGeneration: "Model", responseCollection: "Model", evaluation: "Extend"))
        _ = try await fixture.run(temporary.store, continuing: first.runID)
        // teacher1 already has math items: Model adds no third one. student2 has nothing: it answers all 4.
        #expect(fixture.models["teacher1"]?.calls[.dataGeneration] == 4)
        #expect(fixture.models["student1"]?.calls[.responseCollection] == 4)
        #expect(fixture.models["student2"]?.calls[.responseCollection] == 4)
        #expect(fixture.models["judge1"]?.calls[.evaluation] == 8)
    }

    @Test("New under --continue regenerates its phase and every later one, with new calls")
    func newRegenerates() async throws {
        let temporary = try TemporaryStore()
        var fixture = CoEvalFixture(teachers: 1, students: 1, judges: 1, total: 1)
        let first = try await fixture.run(temporary.store)
        fixture.setModes(CoEvalPhasesConfig(attributeMapping: "Keep", rubricMapping: "Keep", dataGeneration: "New"))
        _ = try await fixture.run(temporary.store, continuing: first.runID)
        #expect(fixture.callsByPhase[.attributeMapping] == 2)
        #expect(fixture.callsByPhase[.dataGeneration] == 4)
        #expect(fixture.callsByPhase[.responseCollection] == 4)
        #expect(fixture.callsByPhase[.evaluation] == 4)
        let status = try await CoEvalStatus.build(runID: first.runID, store: temporary.store)
        #expect(status.phases.map(\.done) == [2, 2, 2, 2, 2])
        #expect(status.spend.map(\.calls).reduce(0, +) == 16)
    }

    @Test("resume_from copies phases 1-2 from an earlier run")
    func resumeFrom() async throws {
        let temporary = try TemporaryStore()
        var fixture = CoEvalFixture(teachers: 2, students: 1, judges: 1, total: 1)
        let first = try await fixture.run(temporary.store)
        let before = fixture.callsByPhase
        fixture.config.coeval?.resumeFrom = first.runID
        let second = try await fixture.run(temporary.store)
        #expect(second.runID != first.runID && second.status == .completed)
        let delta = fixture.callsByPhase.merging(before) { $0 - $1 }
        #expect(delta[.attributeMapping] == 0 && delta[.rubricMapping] == 0)
        #expect(delta[.dataGeneration] == 4)
        let copied = try await temporary.store.coevalArtifacts(ofRun: second.runID)
        let original = try await temporary.store.coevalArtifacts(ofRun: first.runID)
        #expect(copied.attributes == original.attributes && copied.rubrics == original.rubrics)
    }

    @Test("a stop before the run leaves everything a gap; --continue fills it")
    func interrupted() async throws {
        let temporary = try TemporaryStore()
        let fixture = CoEvalFixture(teachers: 1, students: 1, judges: 1, total: 1)
        let stop = StopSignal()
        stop.request()
        let first = try await fixture.run(temporary.store, stop: stop)
        #expect(first.status == .stopped)
        #expect(fixture.callsByPhase.values.reduce(0, +) == 0)
        #expect(first.stops.map(\.reason) == ["interrupted"])
        let second = try await fixture.run(temporary.store, continuing: first.runID)
        #expect(second.status == .completed)
    }

    @Test("the budget stops every model and leaves the run resumable")
    func budget() async throws {
        let temporary = try TemporaryStore()
        let fixture = CoEvalFixture(teachers: 1, students: 1, judges: 1, total: 2)
        // Each scripted call costs $0.001: the budget allows 5 calls.
        let first = try await fixture.run(temporary.store, budget: USD(string: "0.005")!)
        #expect(first.status == .stopped)
        #expect(first.stops.first?.model == nil)
        #expect(fixture.callsByPhase.values.reduce(0, +) <= 5 + 4)
        let second = try await fixture.run(temporary.store, continuing: first.runID)
        #expect(second.status == .completed)
    }
}

@Suite("CoEval interrupts")
struct CoEvalInterruptTests {
    @Test("a second Ctrl-C abandons the calls in flight; the run stays resumable")
    func abandon() async throws {
        let temporary = try TemporaryStore()
        var fixture = CoEvalFixture(teachers: 1, students: 1, judges: 1, total: 1, autoAttributes: false, autoRubric: false)
        let stop = StopSignal()
        fixture.replace("teacher1", with: CoEvalScriptedModel("teacher1") { phase, _, _ in
            guard phase == .dataGeneration else { return nil }
            stop.request()
            stop.request()
            return nil
        })
        fixture.replace("student1", with: CoEvalScriptedModel("student1"))
        let slow = SlowModel(name: "teacher1", base: fixture.models["teacher1"]!)
        let runner = CoEvalRunner(
            setup: try CoEvalSetup(config: fixture.config), store: temporary.store,
            models: fixture.models.mapValues { $0 as any ChatModel }.merging(["teacher1": slow]) { $1 })
        let id = try await runner.prepare(continuing: nil)
        let started = ContinuousClock.now
        let outcome = try await runner.run(id, isContinuation: false, stop: stop)
        #expect(started.duration(to: .now) < .seconds(5))
        #expect(outcome.status == .stopped)
        #expect(outcome.stopped[CoEvalPhase.dataGeneration.rawValue, default: 0] >= 1)
        let status = try await CoEvalStatus.build(runID: id, store: temporary.store)
        #expect(status.phases[2].done == 0 && status.phases[2].rejected == 0)
        let resumed = try await fixture.run(temporary.store, continuing: id)
        #expect(resumed.status == .completed)
    }
}

/// Answers through `base`, then waits 30 seconds unless cancelled.
struct SlowModel: ChatModel {
    let name: String
    let base: any ChatModel

    func complete(_ request: ChatRequest) async throws -> Completion {
        let completion = try await base.complete(request)
        try await Task.sleep(for: .seconds(30))
        return completion
    }
}
