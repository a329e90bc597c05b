import Foundation
import Testing
@testable import QuorumCore

@Suite("Grid config")
struct GridConfigTests {
    static let models = """
        models:
          - {name: tiny, provider: local, model: smollm2-135m}
          - {name: mid, provider: local, model: qwen2.5-coder-1.5b}
          - {name: remote, provider: openai, model: gpt-4.1, api_key: x}
          - {name: sized, provider: openai, model: my-finetune, api_key: x, params: 3B}
        """

    @Test("a valid grid loads with its prompts, ordered factors and context")
    func valid() throws {
        let yaml = Self.models + """

            prompts:
              - {name: terse, system: "Be brief.", user: "I am a {persona}. It is {slot}. Tasks: {tasks}."}
              - {name: kind, user: "{persona} at {slot} in {city}: one tip for {tasks}"}
            scenarios:
              factors: {persona: [student, nurse], slot: [morning, evening]}
              context: {persona: {student: {tasks: essay}, nurse: {tasks: shift}}}
              fields: {city: Haifa}
            experiment:
              name: tips
              grid: {models: [tiny, mid], prompts: [terse, kind], max_model_params: 4B, one_model_at_a_time: true}
            """
        let loaded = ConfigLoader(environment: [:]).load(yaml: yaml, file: "test.yaml", directory: nil)
        #expect(loaded.issues.filter { $0.severity == .error }.isEmpty, "\(loaded.issues)")
        let config = try #require(loaded.config)
        #expect(config.prompts.map(\.name) == ["terse", "kind"])
        #expect(config.scenarios?.factors?.map(\.name) == ["persona", "slot"])
        #expect(config.scenarios?.context?["persona"]?["nurse"]?["tasks"] == "shift")
        #expect(config.experiment?.grid?.oneModelAtATime == true)
    }

    @Test("placeholders no scenario gives, or only some values give, are named at the prompt's line")
    func placeholders() {
        let yaml = Self.models + """

            prompts:
              - {name: a, user: "{persona} {tasks}"}
              - {name: b, user: "{persona} {moood}"}
            scenarios:
              factors: {persona: [student, nurse], mood: [calm]}
              context: {persona: {student: {tasks: essay}}, persoona: {x: {y: z}}}
            experiment: {name: g, grid: {models: [tiny]}}
            """
        let lines = errorLines(yaml)
        #expect(lines.contains("test.yaml:7: prompts[0].user: {tasks} is not given for persona=nurse (scenarios.context)"))
        #expect(lines.contains { $0.hasPrefix("test.yaml:8: prompts[1].user: {moood} is no scenario field (did you mean 'mood'?)") })
        #expect(lines.contains { $0.contains("scenarios.context.persoona: no factor named 'persoona'") })
    }

    @Test("the size guard refuses a model over max_model_params and one of unknown size, naming where")
    func sizeGuard() {
        let yaml = Self.models + """

            prompts: [{name: a, user: "{persona}"}]
            scenarios: {factors: {persona: [x]}}
            experiment: {name: g, grid: {models: [tiny, mid, remote, sized], max_model_params: 1B}}
            """
        let lines = errorLines(yaml)
        #expect(lines.contains { $0.contains("experiment.grid.models[1]: 'mid' has 1.5B parameters, over max_model_params 1B") })
        #expect(lines.contains { $0.contains("experiment.grid.models[2]: the size of 'remote' (gpt-4.1) is unknown; give models[2].params") })
        #expect(lines.contains { $0.contains("experiment.grid.models[3]: 'sized' has 3B parameters") })
        #expect(!lines.contains { $0.contains("models[0]") })
    }

    @Test("a grid needs prompts and scenarios, and takes no experiment.systems")
    func gridShape() {
        let yaml = Self.models + """

            experiment: {name: g, systems: [tiny], baseline: remote, grid: {models: [tiny, nope], max_model_params: huge}}
            """
        let lines = errorLines(yaml)
        #expect(lines.contains { $0.contains("experiment.grid: a grid needs prompts:") })
        #expect(lines.contains { $0.contains("experiment.grid: a grid needs scenarios:") })
        #expect(lines.contains { $0.contains("experiment.systems: a grid runs grid.models") })
        #expect(lines.contains { $0.contains("experiment.grid.models[1]: no model or system named 'nope'") })
        #expect(lines.contains { $0.contains("experiment.grid.max_model_params: 'huge' is not a size") })
        #expect(lines.contains { $0.contains("experiment.baseline: 'remote' is not in experiment.grid.models") })
    }

    @Test("rubric anchors keyed by quoted or plain numbers both load")
    func numericKeys() throws {
        let yaml = """
            rubrics:
              - id: r
                criteria:
                  - {name: a, anchors: {"1": quoted, 5: plain}}
            """
        let loaded = ConfigLoader(environment: [:]).load(yaml: yaml, file: "test.yaml", directory: nil)
        #expect(loaded.issues.filter { $0.severity == .error }.isEmpty, "\(loaded.issues)")
        #expect(loaded.config?.rubrics.first?.criteria.first?.anchors == ["1": "quoted", "5": "plain"])
    }

    @Test("a rubric in its own file loads like an inline one, its problems named by that file's lines")
    func rubricFile() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("rubric-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try """
            id: tip-v1
            version: "1"
            criteria:
              - {name: relevance, scale: [1, 5], anchors: {"1": generic, "5": specific}}
              - {name: tone}
            flags: [{name: format_ok}]
            composite: "relevance + tone + 2*format_ok"
            """.write(to: folder.appendingPathComponent("tip.yaml"), atomically: true, encoding: .utf8)
        try """
            id: broken
            criteria:
              - {name: relevance}
            composite: "relevance + tonne"
            """.write(to: folder.appendingPathComponent("broken.yaml"), atomically: true, encoding: .utf8)
        let good = ConfigLoader(environment: [:]).load(yaml: "rubrics: [{file: tip.yaml}]", file: "c.yaml", directory: folder)
        #expect(good.issues.isEmpty, "\(good.issues)")
        #expect(good.config?.rubrics.first?.criteria.map(\.name) == ["relevance", "tone"])
        #expect(good.config?.rubrics.first?.criteria.first?.anchors?["5"] == "specific")
        let bad = ConfigLoader(environment: [:]).load(
            yaml: "rubrics:\n  - {file: broken.yaml}\n  - {file: missing.yaml}", file: "c.yaml", directory: folder)
        let lines = bad.issues.map(\.description)
        #expect(lines.contains { $0.hasPrefix("broken.yaml:4: rubrics[0].composite") && $0.contains("tonne") }, "\(lines)")
        #expect(lines.contains { $0.hasPrefix("c.yaml:3: rubrics[1].file: no rubric file at") })
    }

    @Test("parameter counts parse as written and as model ids state them")
    func parameterCounts() {
        #expect(ParameterCount.parse("1.5B") == 1.5e9)
        #expect(ParameterCount.parse("135m") == 135e6)
        #expect(ParameterCount.parse("big") == nil)
        #expect(ParameterCount.inferred(fromModelID: "qwen2.5-coder-0.5b") == 0.5e9)
        #expect(ParameterCount.inferred(fromModelID: "llama3.1:8b-instruct") == 8e9)
        #expect(ParameterCount.inferred(fromModelID: "gpt-4.1") == nil)
        #expect(ParameterCount.describe(1.5e9) == "1.5B")
        #expect(ParameterCount.describe(135e6) == "135M")
    }
}
