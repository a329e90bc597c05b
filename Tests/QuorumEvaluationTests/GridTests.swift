import Foundation
import QuorumCore
import QuorumOrchestration
import QuorumStore
import QuorumTesting
import Testing
@testable import QuorumEvaluation

@Suite("Grid experiments")
struct GridTests {
    /// 3 models × 3 prompts × 4 scenarios (persona × slot).
    static func config(models: [String] = ["a", "b", "c"], n: Int? = nil) -> QuorumConfig {
        var config = QuorumConfig(models: models.map { ModelConfig(name: $0, provider: "openai", model: "m-\($0)") })
        config.prompts = [
            PromptVersionConfig(name: "terse", system: "Be brief.", user: "I am a {persona} ({tasks}); it is {slot}."),
            PromptVersionConfig(name: "kind", user: "Hello! {persona} here, {slot}. Tip?"),
            PromptVersionConfig(name: "list", user: "As a {persona} at {slot}, list one tip."),
        ]
        var scenarios = ScenariosConfig(factors: [NamedValues(name: "persona", values: ["student", "night nurse"]),
                                                  NamedValues(name: "slot", values: ["morning", "evening"])])
        scenarios.context = ["persona": ["student": ["tasks": "essay"], "night nurse": ["tasks": "shift"]]]
        scenarios.n = n
        scenarios.seed = 3
        config.scenarios = scenarios
        var experiment = ExperimentConfig(name: "grid")
        experiment.grid = GridConfig(models: models)
        config.experiment = experiment
        return config
    }

    @Test("factors become their cartesian product in written order, with each value's context")
    func scenarios() throws {
        let cells = try GridCells(config: Self.config())
        #expect(cells.scenarios.map(\.id) == ["student-morning", "student-evening", "night_nurse-morning", "night_nurse-evening"])
        #expect(cells.scenarios[2].fields["tasks"] == "shift")
        #expect(cells.scenarios[2].factors == ["persona=night nurse", "slot=morning"])
        let sampled = try GridCells(config: Self.config(n: 2)).scenarios.map(\.id)
        #expect(sampled.count == 2)
        #expect(sampled == (try GridCells(config: Self.config(n: 2)).scenarios.map(\.id)), "seeded: the same sample every time")
    }

    @Test("every (prompt, scenario) is one item keyed PROMPT/SCENARIO with its templates filled")
    func cells() throws {
        let items = try GridCells(config: Self.config()).items()
        #expect(items.count == 12)
        let first = try #require(items.first)
        #expect(first.id == "terse/student-morning")
        #expect(first.question.messages == [.system("Be brief."), .user("I am a student (essay); it is morning.")])
        #expect(first.question.category == "terse")
        #expect(GridCellKey(itemID: "kind/night_nurse-evening") == GridCellKey(prompt: "kind", scenario: "night_nurse-evening"))
        #expect(try GridCells(config: Self.config()).items(limit: 1).map(\.id) == ["terse/student-morning", "kind/student-morning", "list/student-morning"])
    }

    @Test("a scenarios file lacking a field a prompt uses is refused naming the file, line and scenario")
    func fileScenarios() throws {
        let folder = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("grid-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try """
            {"id": "s1", "persona": "student", "slot": "morning", "tasks": "essay"}
            {"id": "s2", "persona": "nurse", "slot": "night"}
            """.write(to: folder.appendingPathComponent("scenarios.jsonl"), atomically: true, encoding: .utf8)
        var config = Self.config()
        config.scenarios = ScenariosConfig(path: "scenarios.jsonl")
        config.sourcePath = folder.appendingPathComponent("grid.yaml").path
        let error = #expect(throws: QuorumError.self) { try GridCells(config: config) }
        #expect(error?.message.contains("scenarios.jsonl:2: scenario 's2' has no 'tasks' for prompt 'terse'") == true)
    }

    @Test("a grid run answers every (model, prompt, scenario) cell once, and continuing pays nothing")
    func gridRun() async throws {
        let temporary = try TemporaryStore()
        let config = Self.config()
        let launcher = RunLauncher(config: config, store: temporary.store)
        #expect(try launcher.systemNames(for: RunRequest()) == ["a", "b", "c"])
        let prepared = try await launcher.prepare(RunRequest(), scoring: nil)
        #expect(prepared.toDo == 36)
        let models = Dictionary(uniqueKeysWithValues: ["a", "b", "c"].map { name in
            (name, CountingModel(name: name) { request in "\(name) says: \(request.messages.last?.content ?? "")" })
        })
        let systems = ["a", "b", "c"].map { SingleSystem(name: $0, responder: .model($0, GenerationParameters())) as any AnswerSystem }
        let runner = ExperimentRunner(store: temporary.store, models: models)
        // Model by model, as one_model_at_a_time does.
        for system in systems {
            _ = try await runner.run(prepared.run.id, items: prepared.items, systems: [system])
        }
        let stored = try await temporary.store.items(ofRun: prepared.run.id)
        #expect(stored.count == 36)
        #expect(stored.allSatisfy { $0.status == .answered })
        let cell = try #require(stored.first { $0.system == "b" && $0.itemID == "list/night_nurse-evening" })
        #expect(cell.answer == "b says: As a night nurse at evening, list one tip.")
        #expect(models.values.map(\.totalCalls).reduce(0, +) == 36)
        let again = try await runner.run(prepared.run.id, items: prepared.items, systems: systems)
        #expect(again.status == .completed)
        #expect(models.values.map(\.totalCalls).reduce(0, +) == 36, "a finished cell is never answered twice")
    }

    @Test("the leaderboard averages a cell's judges, keeps human and LLM apart, and bounds the mean over scenarios")
    func leaderboard() throws {
        func score(_ system: String, _ item: String, _ judge: String, _ source: CellScore.Source, _ composite: Double) -> CellScore {
            CellScore(system: system, itemID: item, judge: judge, source: source,
                      criteria: ["relevance": composite / 2], flags: ["format_ok": composite > 10], composite: composite)
        }
        let scores = [
            score("a", "terse/s1", "ann", .human, 12), score("a", "terse/s1", "bob", .human, 14),
            score("a", "terse/s2", "ann", .human, 10), score("a", "terse/s3", "ann", .human, 16),
            score("b", "terse/s1", "ann", .human, 6), score("b", "terse/s2", "ann", .human, 8),
            score("a", "terse/s1", "judge", .llm, 15),
        ]
        let board = Leaderboard(scores: scores, rubric: "tip-v1", criteria: ["relevance"], flags: ["format_ok"])
        #expect(board.rows.map { "\($0.source.rawValue) \($0.model) \($0.prompt ?? "")" } == ["human a terse", "human b terse", "llm a terse"])
        let top = board.rows[0]
        #expect(top.scenarios == 3)
        #expect(top.composite.mean == 13, "s1 is (12 + 14) / 2, then (13 + 10 + 16) / 3")
        #expect(top.judges == ["ann", "bob"])
        let lower = try #require(top.composite.lower95), upper = try #require(top.composite.upper95)
        #expect(lower >= 10 && lower <= 13 && upper >= 13 && upper <= 16)
        #expect(board.rows[2].composite.lower95 == nil, "one scenario: no interval")
        #expect(board.renderedTable().contains("human: ann,bob"))
    }
}
