import QuorumCore
import QuorumTesting
import Testing

@testable import QuorumOrchestration

@Suite("Mixture of agents")
struct MixtureOfAgentsTests {
    let question = Question(id: "m1", prompt: "Name a prime.")

    func models(_ log: CallLog) -> RunContext {
        makeContext(["p1", "p2", "p3", "agg"].map { name in
            ScriptedModel(name, log: log) { _, index in "\(name)#\(index)" }
        })
    }

    func proposers(_ names: [String], weights: [String: Double] = [:]) -> [MixtureOfAgentsSystem.Proposer] {
        names.map { .init(responder: .model($0, .init()), weight: weights[$0] ?? 1) }
    }

    @Test("each layer fans out to every proposer, and later layers and the aggregator see earlier answers")
    func fanOut() async throws {
        let log = CallLog()
        let system = MixtureOfAgentsSystem(
            name: "moa", layers: [proposers(["p1", "p2", "p3"]), proposers(["p1", "p2"])],
            aggregator: .model("agg", .init()), layerPrompts: ["Be brief."])
        let answer = try await system.answer(question, in: models(log))
        #expect(answer.text == "agg#0")
        #expect(await log.models.count == 6)
        let second = try #require(await log.calls(to: "p1").last?.system)
        #expect(["p1#0", "p2#0", "p3#0"].allSatisfy { second.contains($0) })
        let final = try #require(await log.calls(to: "agg").first?.system)
        #expect(final.contains("p1#1") && final.contains("p2#1") && !final.contains("p3#0"))
        #expect(await log.calls(to: "p2").first?.system == "Be brief.")
        #expect(answer.trace.children.map(\.label) == ["layer 1", "layer 2", "aggregate"])
    }

    @Test("dropout with a fixed seed hides the same references every run")
    func seededDropout() async throws {
        func run() async throws -> [String] {
            let log = CallLog()
            let system = MixtureOfAgentsSystem(
                name: "moa", layers: [proposers(["p1", "p2", "p3"])], aggregator: .model("agg", .init()),
                dropout: 0.5, seed: 7)
            let answer = try await system.answer(question, in: models(log))
            return [answer.trace.children.last?.note ?? ""]
        }
        let first = try await run()
        #expect(try await run() == first)
        let system = MixtureOfAgentsSystem(
            name: "moa", layers: [proposers(["p1", "p2", "p3"])], aggregator: .model("agg", .init()), dropout: 0.5, seed: 7)
        let references = (1...3).map { MixtureOfAgentsSystem.Reference(position: $0, text: "r\($0)", weight: 1) }
        let seen = (0..<200).map { system.select(references, for: "aggregator", question: Question(id: "i\($0)", prompt: "")) }
        let keptShare = Double(seen.map(\.count).reduce(0, +)) / 600
        #expect(keptShare > 0.45 && keptShare < 0.65)
        #expect(seen.allSatisfy { !$0.isEmpty })
    }

    @Test("weights order references and max_references keeps the heaviest")
    func weightsAndLimit() {
        let system = MixtureOfAgentsSystem(
            name: "moa", layers: [proposers(["p1"])], aggregator: .model("agg", .init()), maxReferences: 2)
        let references = [
            MixtureOfAgentsSystem.Reference(position: 1, text: "a", weight: 0.5),
            .init(position: 2, text: "b", weight: 2), .init(position: 3, text: "c", weight: 1),
        ]
        #expect(system.select(references, for: "x", question: question).map(\.position) == [2, 3])
    }

    @Test("with extract set, agreeing proposers skip the aggregator; a disagreeing layer still pays for it")
    func unanimousShortcut() async throws {
        func run(_ replies: [String: String]) async throws -> (Answer, [String]) {
            let log = CallLog()
            let context = makeContext(["p1", "p2", "agg"].map { name in
                ScriptedModel(name, log: log) { _, _ in replies[name] ?? "" }
            })
            let system = MixtureOfAgentsSystem(
                name: "moa", layers: [proposers(["p1", "p2"], weights: ["p2": 2])], aggregator: .model("agg", .init()),
                unanimous: .number)
            return (try await system.answer(question, in: context), await log.models)
        }
        let (agreed, agreedCalls) = try await run(["p1": "It is 7.", "p2": "7", "agg": "11"])
        #expect(agreed.text == "7")  // the heaviest proposer's wording
        #expect(agreedCalls.sorted() == ["p1", "p2"])
        #expect(agreed.trace.children.last?.note == "skipped: all 2 answers agree on '7'")
        let (split, splitCalls) = try await run(["p1": "5", "p2": "7", "agg": "7"])
        #expect(split.text == "7")
        #expect(splitCalls.contains("agg"))
        // Without extract the aggregator always answers, agreeing or not.
        let log = CallLog()
        let plain = MixtureOfAgentsSystem(
            name: "moa", layers: [proposers(["p1", "p2"])], aggregator: .model("agg", .init()))
        _ = try await plain.answer(question, in: makeContext(["p1", "p2", "agg"].map { name in
            ScriptedModel(name, log: log) { _, _ in "7" }
        }))
        #expect(await log.models.contains("agg"))
    }

    /// A mixture of a sure-or-unsure weak proposer and a strong one, gated on mean logprob ≥ -0.5.
    func gatedRun(weak: (String, [Double]), strong: (String, [Double]), extract: AnswerExtractor? = nil) async throws
        -> (answer: Answer, log: CallLog)
    {
        let log = CallLog()
        let context = makeContext([
            ConfidentModel(name: "weak", log: log, text: weak.0, logprobs: weak.1),
            ConfidentModel(name: "strong", log: log, text: strong.0, logprobs: strong.1),
            ConfidentModel(name: "agg", log: log, text: "aggregated", logprobs: [-0.1]),
        ])
        let system = MixtureOfAgentsSystem(
            name: "moa", layers: [proposers(["weak", "strong"])], aggregator: .model("agg", .init()), unanimous: extract,
            referenceGate: .confidence(ConfidenceRule(signal: .mean, threshold: -0.5)))
        return (try await system.answer(question, in: context), log)
    }

    @Test("a reference gate hides the answers that fail it from the aggregator, reading logprobs asked for on the proposers' own calls")
    func referenceGateHides() async throws {
        let (answer, log) = try await gatedRun(weak: ("1000000", [-2.0, -1.5]), strong: ("1000", [-0.1, -0.2]))
        #expect(answer.text == "aggregated")
        let shown = try #require(await log.calls(to: "agg").first?.system)
        #expect(shown.contains("1000") && !shown.contains("1000000"))
        #expect(await log.calls(to: "weak").first?.request.parameters.logprobs == 0)
        #expect(await log.models.sorted() == ["agg", "strong", "weak"])  // the gate made no call
        let layer = try #require(answer.trace.children.first)
        #expect(layer.note == "hidden by the reference gate: 1")
        #expect(layer.children.map(\.kind) == [.call, .verdict, .call, .verdict])
        #expect(layer.children[1].verdict?.passed == false && layer.children[3].verdict?.passed == true)
    }

    @Test("when no answer passes the reference gate, the aggregator sees them all")
    func referenceGateKeepsAllWhenNonePass() async throws {
        let (answer, log) = try await gatedRun(weak: ("5", [-2.0]), strong: ("7", [-3.0]))
        let shown = try #require(await log.calls(to: "agg").first?.system)
        #expect(shown.contains("5") && shown.contains("7"))
        #expect(answer.trace.children.first?.note == "no answer passed the reference gate: all shown")
    }

    @Test("with extract set, the one answer that passed the reference gate is returned without the aggregator")
    func referenceGateLoneTrustedAnswer() async throws {
        let (answer, log) = try await gatedRun(weak: ("41", [-2.0]), strong: ("42", [-0.1]), extract: .number)
        #expect(answer.text == "42")
        #expect(await log.models.sorted() == ["strong", "weak"])
        #expect(answer.trace.children.last?.note == "skipped: one answer passed the reference gate, '42'")
        // Two trusted answers that disagree still go to the aggregator.
        let (split, splitLog) = try await gatedRun(weak: ("41", [-0.1]), strong: ("42", [-0.1]), extract: .number)
        #expect(split.text == "aggregated")
        #expect(await splitLog.models.contains("agg"))
    }

    @Test("the factory builds moa's gate; the validator names a proposer (or a self-consistency model) whose provider gives no logprobs")
    func referenceGateFromConfig() throws {
        let yaml = """
            models:
              - {name: weak, provider: openai, model: gpt-4o-mini}
              - {name: claude, provider: anthropic, model: claude-3-5-haiku-latest}
            systems:
              - {name: mix, type: moa, layers: [[weak, claude]], aggregator: weak, extract: number,
                 gate: {confidence: {signal: entropy, threshold: -0.9}}}
              - {name: vote, type: self-consistency, model: claude, gate: {confidence: {signal: mean, threshold: -0.3}}}
            """
        let loaded = ConfigLoader().load(yaml: yaml, file: "moa.yaml", directory: nil)
        let problems = loaded.issues.map(\.description)
        #expect(problems.contains { $0.contains("systems[0].layers[0][1]") && $0.contains("gives no token logprobs") })
        #expect(problems.contains { $0.contains("systems[1].model") && $0.contains("gate this self-consistency") })
        #expect(!problems.contains { $0.contains(".gate") && $0.contains("ignored") })
        var valid = try #require(loaded.config)
        valid.systems[0].layers = [["weak", "weak"]]
        valid.systems.removeLast()
        try valid.validate()
        let log = CallLog()
        let models = ["weak": ScriptedModel("weak", log: log, answers: ["7"]) as any ChatModel]
        let catalog = try SystemFactory(config: valid, models: models).makeCatalog()
        let system = try #require(catalog.systems["mix"] as? MixtureOfAgentsSystem)
        #expect(system.referenceGate?.name == "confidence:entropy")
    }
}
