import Foundation
import QuorumCore
import QuorumTesting
import Testing

@testable import QuorumOrchestration

/// An embedder that maps a prompt to a fixed vector by its first word, counting its calls.
actor EmbedCounter {
    private(set) var calls = 0
    func add() { calls += 1 }
}

struct WordEmbedder: EmbeddingModel {
    let name = "embedder"
    let counter: EmbedCounter

    func embed(_ texts: [String]) async throws -> Embeddings {
        await counter.add()
        let vectors = texts.map { text -> [Double] in text.hasPrefix("easy") ? [1, 0, 0] : text.hasPrefix("hard") ? [0, 1, 0] : [0, 0, 1] }
        return Embeddings(vectors: vectors, usage: Usage(promptTokens: 7 * texts.count), cost: usd("0.0002"))
    }
}

@Suite("Learned router")
struct LearnedRouterTests {
    /// Ten easy items the small model gets right, ten hard ones only the large gets right.
    static let router: RouterModel = {
        var examples: [RouterModel.Example] = []
        for index in 0..<10 {
            examples.append(.init(item: "e\(index)", vector: [1, 0.01 * Double(index), 0], length: 20, category: "easy", correct: [true, true]))
            examples.append(.init(item: "h\(index)", vector: [0.01 * Double(index), 1, 0], length: 20, category: "hard", correct: [false, true]))
        }
        return RouterModel(models: ["small", "large"], embeddings: "embedder", examples: examples, trainedOn: ["run-1"], k: 5)
    }()

    @Test("predicts from the nearest examples, pulled toward the model's overall accuracy")
    func predicts() {
        let easy = Self.router.predict(vector: [1, 0, 0], length: 20, category: "easy")
        let hard = Self.router.predict(vector: [0, 1, 0], length: 20, category: "hard")
        #expect(easy[0] > 0.9 && easy[0] < 1, "near only easy items, the small model is almost surely right")
        #expect(hard[0] < 0.1 && hard[0] > 0, "the prior keeps it off exactly 0")
        #expect(easy[1] == 1 && hard[1] == 1, "the large model was right everywhere")
        #expect(RouterModel.pick(easy, threshold: 0.7) == 0)
        #expect(RouterModel.pick(hard, threshold: 0.7) == 1)
        #expect(RouterModel.pick(easy, threshold: 0.999) == 1, "a stricter threshold sends the item up")
    }

    @Test("left one out, an example does not vote for itself")
    func leftOneOut() {
        let lonely = RouterModel(
            models: ["small", "large"], embeddings: "e",
            examples: [.init(item: "a", vector: [1, 0], length: 5, category: nil, correct: [true, true]),
                       .init(item: "b", vector: [0, 1], length: 5, category: nil, correct: [false, true]),
                       .init(item: "c", vector: [0, 1], length: 5, category: nil, correct: [false, true])],
            trainedOn: [], k: 1)
        let own = lonely.predict(vector: [1, 0], length: 5, category: nil)
        let without = lonely.predict(vector: [1, 0], length: 5, category: nil, excluding: 0)
        #expect(own[0] > 0.9)
        #expect(without[0] < 0.5, "without itself its nearest neighbour is a wrong one")
    }

    @Test("a different category counts as distance")
    func categoryDistance() {
        let example = RouterModel.Example(item: "x", vector: [1, 0], length: 10, category: "units", correct: [true, true])
        let model = RouterModel(models: ["a", "b"], embeddings: "e", examples: [example], trainedOn: [])
        let same = model.distance(RouterModel.unit([1, 0]), 10, "units", example)
        let other = model.distance(RouterModel.unit([1, 0]), 10, "facts", example)
        #expect(abs(same) < 1e-9)
        #expect(abs(other - model.categoryWeight) < 1e-9)
    }

    @Test("saves and loads the file; a wrong file is a clear error naming it")
    func fileRoundTrip() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("router-\(UUID().uuidString).json").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Self.router.save(to: path)
        let loaded = try RouterModel.load(from: path)
        #expect(loaded.examples.count == 20)
        #expect(loaded.models == ["small", "large"])
        #expect(loaded.predict(vector: [1, 0, 0], length: 20, category: "easy") == Self.router.predict(vector: [1, 0, 0], length: 20, category: "easy"))
        try Data("{\"format\": \"other\"}".utf8).write(to: URL(fileURLWithPath: path))
        #expect { try RouterModel.load(from: path) } throws: { ($0 as? QuorumError)?.message.contains(path) == true }
        #expect { try RouterModel.load(from: path + ".missing") } throws: {
            ($0 as? QuorumError)?.message.contains("quorum router train") == true
        }
    }

    func router(counter: EmbedCounter) -> LearnedRouterSystem {
        LearnedRouterSystem(
            name: "routed", responders: [.model("small", GenerationParameters()), .model("large", GenerationParameters())],
            router: .success(Self.router), embedder: WordEmbedder(counter: counter), threshold: 0.7)
    }

    /// A context like the runner's: one journal per item.
    func context(_ log: CallLog, journal: MemoryJournal) -> RunContext {
        makeContext(
            [ScriptedModel("small", log: log, cost: usd("0.001"), answers: ["small says"]),
             ScriptedModel("large", log: log, cost: usd("0.003"), answers: ["large says"])],
            journal: journal)
    }

    @Test("calls only the picked model, pays and traces the embedding, and replays its decision on resume")
    func routesAndReplays() async throws {
        let counter = EmbedCounter()
        let log = CallLog()
        let router = router(counter: counter)
        var easy = Question(id: "q1", prompt: "easy one")
        easy.category = "easy"
        let answer = try await router.answer(easy, in: context(log, journal: MemoryJournal()))
        #expect(answer.text == "small says")
        #expect(answer.level == 1)
        #expect(await log.models == ["small"], "the large model is never called for an easy item")
        #expect(answer.answerCost == usd("0.0012"), "the embedding is part of the system's cost")
        #expect(answer.trace.note?.contains("→ small") == true)
        var hard = Question(id: "q2", prompt: "hard one")
        hard.category = "hard"
        let journal = MemoryJournal()
        let second = try await router.answer(hard, in: context(log, journal: journal))
        #expect(second.text == "large says" && second.level == 2)
        #expect(await log.models == ["small", "large"])
        // Resumed: the item's journal replays the decision and the answer; nothing is embedded or called again.
        let replayed = try await router.answer(hard, in: context(log, journal: journal))
        #expect(replayed.text == "large says")
        #expect(await counter.calls == 2)
        #expect(await log.models == ["small", "large"])
    }

    @Test("a gated router checks its pick's answer and climbs the remaining models when the gate rejects it")
    func gatedPick() async throws {
        let log = CallLog()
        var router = router(counter: EmbedCounter())
        router.gate = .confidence(ConfidenceRule(signal: .mean, q: 0.1, threshold: -0.5))
        var easy = Question(id: "q1", prompt: "easy one")
        easy.category = "easy"
        // Scripted models give no logprobs, so the confidence gate cannot accept the small model's answer.
        let answer = try await router.answer(easy, in: context(log, journal: MemoryJournal()))
        #expect(await log.models == ["small", "large"])
        #expect(answer.text == "large says")
        #expect(answer.level == 2)
        #expect(answer.trace.note?.contains("gated") == true)
        let asked = await log.calls(to: "small").first?.request.parameters.logprobs
        #expect(asked == 0, "the picked model is asked for the logprobs its gate reads")
    }

    @Test("a router whose file is missing says so when asked, naming the command that makes it")
    func missingFile() async throws {
        let log = CallLog()
        let router = LearnedRouterSystem(
            name: "routed", responders: [.model("small", GenerationParameters()), .model("large", GenerationParameters())],
            router: .failure(QuorumError(.configuration, "no router file at x.json: train one with `quorum router train`")),
            embedder: WordEmbedder(counter: EmbedCounter()), threshold: 0.7)
        await #expect(throws: QuorumError.self) {
            try await router.answer(Question(id: "q", prompt: "easy"), in: makeContext([ScriptedModel("small", log: log, answers: ["x"])]))
        }
        #expect(await log.models.isEmpty)
    }

    @Test("the factory builds a learned router from the config, and rejects a file trained on other models")
    func factory() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("routers-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try Self.router.save(to: directory.appendingPathComponent("router.json").path)
        var entry = SystemConfig(name: "routed", type: "router")
        entry.strategy = "learned"
        entry.models = ["small", "large"]
        entry.router = "router.json"
        entry.embeddings = "embedder"
        entry.threshold = 0.6
        let configured = ["small", "large", "embedder"].map { ModelConfig(name: $0, provider: "openai", model: "gpt-4.1-mini") }
        var config = QuorumConfig(models: configured, systems: [entry])
        config.sourcePath = directory.appendingPathComponent("quorum.yaml").path
        try config.validate()
        let log = CallLog()
        let models: [String: any ChatModel] = ["small": ScriptedModel("small", log: log, answers: ["s"]), "large": ScriptedModel("large", log: log, answers: ["l"])]
        let systems = try SystemFactory(config: config, models: models, embedders: ["embedder": WordEmbedder(counter: EmbedCounter())]).makeSystems()
        let built = try #require(systems["routed"] as? LearnedRouterSystem)
        #expect(built.threshold == 0.6)
        #expect((try? built.router.get()) != nil)
        config.systems[0].models = ["large", "small"]
        try config.validate()
        let swapped = try SystemFactory(config: config, models: models).makeSystems()
        let failing = try #require(swapped["routed"] as? LearnedRouterSystem)
        #expect(throws: QuorumError.self) { try failing.router.get() }
    }
}
