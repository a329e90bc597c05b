import QuorumCore
import QuorumTesting
import Testing

@testable import QuorumOrchestration

@Suite("System factory")
struct SystemFactoryTests {
    let log = CallLog()

    var models: [String: any ChatModel] {
        Dictionary(uniqueKeysWithValues: ["small", "large", "grader"].map { ($0, ScriptedModel($0, log: log, answers: [$0]) as any ChatModel) })
    }

    /// `small`, `large` and `grader` as configured models, so the config validates.
    let configured = ["small", "large", "grader"].map { ModelConfig(name: $0, provider: "openai", model: "gpt-4.1-mini") }

    func system(_ name: String, _ type: String, _ edit: (inout SystemConfig) -> Void) -> SystemConfig {
        var config = SystemConfig(name: name, type: type)
        edit(&config)
        return config
    }

    @Test("builds every system type, nesting systems where models are expected")
    func buildsAll() throws {
        let config = QuorumConfig(
            models: configured,
            judges: [JudgeConfig(name: "quality", type: "score", model: "grader"),
                     JudgeConfig(name: "arena", type: "pairwise", model: "grader")],
            systems: [
                system("base", "single") { $0.model = "small" },
                system("ladder", "cascade") {
                    $0.levels = [.model("small"), .model("large")]
                    $0.gate = GateConfig(judge: "quality", threshold: 0.8)
                },
                system("panel", "debate") {
                    $0.levels = [.workers(DebateLevel(workers: [DebateWorker(model: "small"), DebateWorker(model: "ladder")]))]
                    $0.judge = "quality"
                },
                system("mix", "moa") {
                    $0.layers = [["small", "ladder"]]
                    $0.aggregator = "large"
                },
                system("bon", "best-of-n") {
                    $0.model = "small"
                    $0.judge = "arena"
                    $0.selection = "knockout"
                },
                system("vote", "self-consistency") { $0.model = "small" },
                system("route", "router") {
                    $0.routes = [RouteConfig(when: ["category": "math"], system: "vote")]
                    $0.default = "mix"
                },
            ])
        try config.validate()
        let catalog = try SystemFactory(config: config, models: models).makeCatalog()
        #expect(Set(catalog.systems.keys) == ["base", "ladder", "panel", "mix", "bon", "vote", "route"])
        #expect(catalog.judges["quality"] is ScoreJudge)
        #expect(catalog.pairwiseJudges["arena"] != nil)
        let ladder = try #require(catalog.systems["ladder"] as? CascadeSystem)
        guard case .judge(let judge as ScoreJudge)? = ladder.gate else { Issue.record("no judge gate"); return }
        #expect(judge.threshold == 0.8)
        #expect(catalog.system(named: "small", models: models) is SingleSystem)
    }

    @Test("a model the caller did not build, or a config that skipped validation, throws a clear error")
    func unbuildable() throws {
        let config = QuorumConfig(
            models: configured,
            systems: [system("mix", "moa") {
                $0.layers = [["small", "large"]]
                $0.aggregator = "large"
            }])
        try config.validate()
        var partial = models
        partial["large"] = nil
        let missing = try #require(throws: QuorumError.self) { try SystemFactory(config: config, models: partial).makeCatalog() }
        #expect(missing.kind == .configuration)
        #expect(missing.message == "systems.mix.layers[0][1]: model 'large' was not built for this command")
        let unvalidated = QuorumConfig(systems: [system("odd", "pyramid") { _ in }, system("loop", "single") { $0.model = "loop" }])
        for config in [unvalidated, QuorumConfig(systems: [unvalidated.systems[1]])] {
            let error = try #require(throws: QuorumError.self) { try SystemFactory(config: config, models: models).makeCatalog() }
            #expect(error.kind == .configuration)
            #expect(error.message.contains("validate the configuration first"))
        }
    }

    @Test("a nested system answers inside its parent's trace with its own keys")
    func nestedKeys() async throws {
        let config = QuorumConfig(models: configured, systems: [
            system("inner", "single") { $0.model = "small" },
            system("outer", "moa") {
                $0.layers = [["inner", "large"]]
                $0.aggregator = "large"
            },
        ])
        try config.validate()
        let systems = try SystemFactory(config: config, models: models).makeSystems()
        let answer = try await systems["outer"]!.answer(Question(id: "n", prompt: "hi"), in: RunContext(models: models))
        #expect(answer.trace.calls.map(\.key) == [
            "outer/layer-1/proposer-1/inner/answer", "outer/layer-1/proposer-2", "outer/aggregate",
        ])
    }
}
