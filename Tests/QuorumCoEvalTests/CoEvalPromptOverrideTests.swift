import Foundation
import QuorumCore
@testable import QuorumCoEval
import QuorumTesting
import Synchronization
import Testing

@Suite("CoEval prompt overrides")
struct CoEvalPromptOverrideTests {
    @Test("a model's own prompt wins over the task's, which wins over the phase-wide one")
    func precedence() async throws {
        let seen = Mutex<[String: [String]]>([:])
        var fixture = CoEvalFixture(teachers: 1, students: 2, judges: 1, total: 1, autoAttributes: false, autoRubric: false)
        for name in ["student1", "student2"] {
            fixture.replace(name, with: CoEvalScriptedModel(name) { phase, prompt, _ in
                if phase == .responseCollection { seen.withLock { $0[name, default: []].append(prompt) } }
                return nil
            })
        }
        fixture.config.coeval?.prompts = ["response_collection": .byModel(["student1": "Own prompt: {input}", "default": "Shared: {input}"])]
        fixture.config.tasks[1].prompts = ["response_collection": "Poems task prompt: {input}"]
        let temporary = try TemporaryStore()
        let outcome = try await fixture.run(temporary.store)
        #expect(outcome.status == .completed)
        let prompts = seen.withLock { $0 }
        #expect(prompts["student1"]?.allSatisfy { $0.hasPrefix("Own prompt: Question by teacher1") } == true)
        #expect(prompts["student2"]?.sorted() == ["Poems task prompt: Question by teacher1", "Shared: Question by teacher1"])
    }

    @Test("coeval.prompts names a phase and models with roles, each with a did-you-mean")
    func validation() throws {
        var fixture = CoEvalFixture(teachers: 1, students: 1, judges: 1)
        fixture.config.coeval?.prompts = ["evaluaton": .all("x"), "evaluation": .byModel(["judge9": "x", "default": "y"])]
        do {
            _ = try fixture.config.validate()
            Issue.record("the config is invalid")
        } catch {
            let text = "\(error)"
            #expect(text.contains("coeval.prompts.evaluaton") && text.contains("did you mean 'evaluation'"))
            #expect(text.contains("coeval.prompts.evaluation.judge9"))
        }
        fixture.config.coeval?.prompts = ["evaluation": .byModel(["judge1": "x", "default": "y"])]
        #expect(throws: Never.self) { _ = try fixture.config.validate() }
    }

    @Test("the YAML form reads as a string or a per-model mapping")
    func decoding() throws {
        let yaml = """
            models:
              - {name: t, provider: openai, model: m, api_key: k, roles: [teacher, student, judge]}
            tasks:
              - {name: a, description: A task., rubric: {ok: Fine.}, target_attributes: {x: [1]}}
            coeval:
              prompts:
                data_generation: "Write: {task_description}"
                evaluation: {t: "Grade: {response}", default: "Other"}
            """
        let loaded = ConfigLoader(environment: [:]).load(yaml: yaml, file: "p.yaml", directory: nil)
        let prompts = try #require(loaded.config?.coeval?.prompts)
        #expect(prompts["data_generation"] == .all("Write: {task_description}"))
        #expect(prompts["evaluation"]?.template(forModel: "t") == "Grade: {response}")
        #expect(loaded.issues.filter { $0.severity == .error }.isEmpty)
    }
}
