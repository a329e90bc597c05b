import Foundation
import QuorumCore
@testable import QuorumCoEval
import QuorumTesting
import Synchronization
import Testing

@Suite("CoEval phases")
struct CoEvalPhasesTests {
    @Test("a fresh run makes exactly the calls the plan counts, phase by phase and model by model")
    func planMatchesCalls() async throws {
        for perFactor in [false, true] {
            let temporary = try TemporaryStore()
            let fixture = CoEvalFixture(teachers: 2, students: 3, judges: 2, total: 2, perFactor: perFactor, autoRubric: !perFactor)
            let outcome = try await fixture.run(temporary.store)
            #expect(outcome.status == .completed)
            let plan = CoEvalPlanner(setup: try CoEvalSetup(config: fixture.config)).plan()
            for line in plan.phases {
                #expect(fixture.callsByPhase[line.phase, default: 0] == line.calls, "phase \(line.phase), per_factor \(perFactor)")
            }
            for line in plan.models {
                #expect(fixture.models[line.model]?.totalCalls == line.calls, "model \(line.model)")
            }
            // 2 tasks: phase 3 = 2 teachers × 2 tasks × 2, phase 4 = 3 × 8, phase 5 = 2 × 24 (× 2 criteria per_factor).
            #expect(plan.phases.map(\.calls) == (perFactor ? [4, 0, 8, 24, 96] : [4, 4, 8, 24, 48]))
        }
    }

    @Test("every phase stores its artifacts, with merged attributes and rubrics")
    func artifacts() async throws {
        let temporary = try TemporaryStore()
        let fixture = CoEvalFixture(teachers: 2, students: 1, judges: 1, total: 3)
        let outcome = try await fixture.run(temporary.store)
        let artifacts = try await temporary.store.coevalArtifacts(ofRun: outcome.runID)
        let merged = try #require(artifacts.attributeMap(forTask: "math"))
        #expect(merged.teacher == nil)
        #expect(merged.target.map(\.name) == ["difficulty", "topic"])
        #expect(merged.target.last?.values == ["teacher1", "teacher2"])
        #expect(artifacts.attributes.count == 6)
        let rubric = try #require(artifacts.rubric(forTask: "poems"))
        #expect(rubric.criteria.map(\.name) == ["accuracy", "teacher1_style", "teacher2_style"])
        #expect(artifacts.items.map(\.id).sorted().prefix(3) == ["math.teacher1.1", "math.teacher1.2", "math.teacher1.3"])
        #expect(artifacts.items.allSatisfy { $0.sampledTarget.count == 1 && $0.prompt.hasPrefix("Question by") })
        #expect(artifacts.responses.count == 12)
        #expect(artifacts.evaluations.count == 12)
        #expect(artifacts.evaluations.allSatisfy { $0.scores.count == 3 && $0.meanScore == 1 })
        let status = try await CoEvalStatus.build(runID: outcome.runID, store: temporary.store)
        #expect(status.phases.map(\.done) == [4, 4, 12, 12, 12])
        #expect(status.phases.allSatisfy { $0.gaps == 0 && $0.rejected == 0 })
    }

    @Test("YAML attributes and rubric skip phases 1-2 and sample deterministically")
    func givenAttributes() async throws {
        let first = try TemporaryStore(), second = try TemporaryStore()
        let fixture = CoEvalFixture(teachers: 1, students: 1, judges: 1, total: 4, autoAttributes: false, autoRubric: false)
        let one = try await fixture.run(first.store)
        let two = try await CoEvalFixture(teachers: 1, students: 1, judges: 1, total: 4, autoAttributes: false, autoRubric: false)
            .run(second.store)
        #expect(fixture.callsByPhase[.attributeMapping] == nil && fixture.callsByPhase[.rubricMapping] == nil)
        let items = try await first.store.coevalArtifacts(ofRun: one.runID).items.sorted { $0.id < $1.id }
        let again = try await second.store.coevalArtifacts(ofRun: two.runID).items.sorted { $0.id < $1.id }
        #expect(items.map(\.sampledTarget) == again.map(\.sampledTarget))
        #expect(items.map(\.sampledNuanced) == again.map(\.sampledNuanced))
        #expect(Set(items.map { $0.sampledTarget["level"] ?? "" }).count > 1)
    }

    @Test("each phase reports how its units ended")
    func progressReports() async throws {
        let temporary = try TemporaryStore()
        var fixture = CoEvalFixture(teachers: 1, students: 2, judges: 1, total: 1)
        fixture.replace("student2", with: CoEvalScriptedModel("student2") { _, _, _ in "  " })
        let runner = try fixture.runner(temporary.store)
        let id = try await runner.prepare(continuing: nil)
        let reports = Mutex<[CoEvalPhaseReport]>([])
        _ = try await runner.run(id, isContinuation: false, progress: { report in reports.withLock { $0.append(report) } })
        let lines = reports.withLock { $0 }.map(\.line)
        #expect(lines == [
            "1 attribute_mapping: 2 units, 2 done", "2 rubric_mapping: 2 units, 2 done", "3 data_generation: 2 units, 2 done",
            "4 response_collection: 4 units, 2 done, 2 rejected", "5 evaluation: 2 units, 2 done",
        ])
    }

    @Test("role_parameters are merged over parameters for each role's calls")
    func roleParameters() throws {
        var fixture = CoEvalFixture()
        fixture.config.models[0].parameters = GenerationParameters(temperature: 0.9, maxTokens: 100)
        fixture.config.models[0].roles = ["teacher", "judge"]
        fixture.config.models[0].roleParameters = ["judge": GenerationParameters(temperature: 0)]
        let setup = try CoEvalSetup(config: fixture.config)
        #expect(setup.parameters(of: "teacher1", as: .judge) == GenerationParameters(temperature: 0, maxTokens: 100))
        #expect(setup.parameters(of: "teacher1", as: .teacher) == GenerationParameters(temperature: 0.9, maxTokens: 100))
    }
}
