import QuorumCore
import QuorumTesting
import Testing

@testable import QuorumOrchestration

@Suite("Cascade system")
struct CascadeSystemTests {
    let question = Question(id: "q1", prompt: "What is 6 × 7?")

    func cascade(judge: ScoreJudge, returnPolicy: CascadeSystem.ReturnPolicy = .last) -> CascadeSystem {
        CascadeSystem(
            name: "cheap-first",
            levels: [.model("small", GenerationParameters()), .model("large", GenerationParameters())],
            gate: .judge(judge), returnPolicy: returnPolicy, escalation: .refine, gatesLastLevel: true)
    }

    @Test("stops at the first level whose answer passes the gate")
    func stopsOnPass() async throws {
        let log = CallLog()
        let context = makeContext([
            ScriptedModel("small", log: log, answers: ["42"]),
            ScriptedModel("large", log: log, answers: ["forty-two"]),
            ScriptedModel("grader", log: log, answers: [verdictJSON(score: 0.95)]),
        ])
        let answer = try await cascade(judge: ScoreJudge(name: "quality", model: "grader")).answer(question, in: context)
        #expect(answer.text == "42")
        #expect(answer.level == 1)
        #expect(answer.resolved)
        #expect(await log.models == ["small", "grader"])
        #expect(answer.trace.gateDecisions.map(\.passed) == [true])
    }

    @Test("escalates on a failing gate with the previous answer and the judge's feedback")
    func escalatesWithFeedback() async throws {
        let log = CallLog()
        let context = makeContext([
            ScriptedModel("small", log: log, cost: usd("0.001"), answers: ["41"]),
            ScriptedModel("large", log: log, cost: usd("0.01"), answers: ["42"]),
            ScriptedModel(
                "grader", log: log, cost: usd("0.0003"),
                answers: [verdictJSON(score: 0.2, verdict: "Invalid", feedback: "Check the multiplication."),
                          verdictJSON(score: 0.97)]),
        ])
        let answer = try await cascade(judge: ScoreJudge(name: "quality", model: "grader")).answer(question, in: context)
        #expect(answer.text == "42")
        #expect(answer.level == 2)
        #expect(answer.resolved)
        #expect(await log.models == ["small", "grader", "large", "grader"])
        let refine = try #require(await log.calls(to: "large").first).prompt
        #expect(refine.contains("What is 6 × 7?"))
        #expect(refine.contains("41"))
        #expect(refine.contains("Check the multiplication."))
        #expect(answer.answerCost == usd("0.011"))
        #expect(answer.judgeCost == usd("0.0006"))
        #expect(answer.totalCost == usd("0.0116"))
        let levels = answer.trace.children
        #expect(levels[0].note?.hasPrefix("escalated: judge:quality: score 0.20") == true)
        #expect(answer.trace.gateDecisions.map(\.level) == [1, 2])
        #expect(answer.trace.calls.map(\.key) == [
            "cheap-first/level-1/answer", "cheap-first/level-1/gate/judge/judge.quality",
            "cheap-first/level-2/answer", "cheap-first/level-2/gate/judge/judge.quality",
        ])
    }

    @Test("returns the last answer, unresolved, when no level passes")
    func unresolvedLast() async throws {
        let log = CallLog()
        let context = makeContext([
            ScriptedModel("small", log: log, answers: ["40"]),
            ScriptedModel("large", log: log, answers: ["41"]),
            ScriptedModel("grader", log: log, answers: [verdictJSON(score: 0.8), verdictJSON(score: 0.5)]),
        ])
        let answer = try await cascade(judge: ScoreJudge(name: "quality", model: "grader")).answer(question, in: context)
        #expect(answer.text == "41")
        #expect(answer.level == 2)
        #expect(!answer.resolved)
    }

    @Test("return best picks the highest-scored level")
    func unresolvedBest() async throws {
        let log = CallLog()
        let context = makeContext([
            ScriptedModel("small", log: log, answers: ["40"]),
            ScriptedModel("large", log: log, answers: ["41"]),
            ScriptedModel("grader", log: log, answers: [verdictJSON(score: 0.8), verdictJSON(score: 0.5)]),
        ])
        let system = cascade(judge: ScoreJudge(name: "quality", model: "grader"), returnPolicy: .best)
        let answer = try await system.answer(question, in: context)
        #expect(answer.text == "40")
        #expect(answer.level == 1)
        #expect(!answer.resolved)
    }

    @Test("a verifier gate escalates without any judge cost")
    func verifierGate() async throws {
        let log = CallLog()
        let context = makeContext([
            ScriptedModel("small", log: log, answers: ["I am not sure."]),
            ScriptedModel("large", log: log, answers: ["The answer is 42."]),
        ])
        let system = CascadeSystem(
            name: "c", levels: [.model("small", .init()), .model("large", .init())],
            gate: .verifier(VerifierJudge(name: "regex", verifier: Verifier(.regex(#"\d+"#)))), gatesLastLevel: true)
        let answer = try await system.answer(question, in: context)
        #expect(answer.level == 2)
        #expect(answer.judgeCost == .zero)
        #expect(answer.trace.gateDecisions.map(\.gate) == ["verifier:regex", "verifier:regex"])
    }

    @Test("by default the last level is not gated: its verdict could not change the answer, so it is not paid for")
    func lastLevelUngated() async throws {
        let log = CallLog()
        let context = makeContext([
            ScriptedModel("small", log: log, answers: ["41"]),
            ScriptedModel("large", log: log, answers: ["42"]),
            ScriptedModel("grader", log: log, answers: [verdictJSON(score: 0.1)]),
        ])
        let system = CascadeSystem(
            name: "c", levels: [.model("small", .init()), .model("large", .init())],
            gate: .judge(ScoreJudge(name: "quality", model: "grader")))
        let answer = try await system.answer(question, in: context)
        #expect(answer.text == "42")
        #expect(answer.level == 2)
        #expect(await log.models == ["small", "grader", "large"])
        #expect(answer.trace.gateDecisions.map(\.level) == [1])
        // `return: best` still needs every level's score.
        let best = CascadeSystem(
            name: "b", levels: [.model("small", .init()), .model("large", .init())],
            gate: .judge(ScoreJudge(name: "quality", model: "grader")), returnPolicy: .best)
        _ = try await best.answer(question, in: context)
        #expect(await log.calls(to: "grader").count == 3)
    }

    @Test("escalate: fresh asks the next level the original question, not the refinement prompt")
    func freshEscalation() async throws {
        let log = CallLog()
        let context = makeContext([
            ScriptedModel("small", log: log, answers: ["41"]),
            ScriptedModel("large", log: log, answers: ["42"]),
            ScriptedModel("grader", log: log, answers: [verdictJSON(score: 0.1, feedback: "Check it.")]),
        ])
        let system = CascadeSystem(
            name: "c", levels: [.model("small", .init()), .model("large", .init())],
            gate: .judge(ScoreJudge(name: "quality", model: "grader")), escalation: .fresh)
        _ = try await system.answer(question, in: context)
        #expect(await log.calls(to: "large").first?.prompt == "What is 6 × 7?")
    }

    @Test("an agreement gate accepts the majority answer when enough samples agree")
    func agreementGate() async throws {
        let log = CallLog()
        let context = makeContext([
            ScriptedModel("small", log: log, answers: ["41", "42", "42"]),
            ScriptedModel("large", log: log, answers: ["never asked"]),
        ])
        let system = CascadeSystem(
            name: "c", levels: [.model("small", .init()), .model("large", .init())],
            gate: .agreement(samples: 3, min: 2, extractor: .number, temperature: 0.7))
        let answer = try await system.answer(question, in: context)
        #expect(answer.text == "42")
        #expect(answer.level == 1)
        #expect(await log.models == ["small", "small", "small"])
        let samples = await log.calls(to: "small").dropFirst()
        #expect(samples.allSatisfy { $0.request.parameters.temperature == 0.7 })
    }

    @Test("all: stops at the first failing gate; any: at the first passing one")
    func combinations() async throws {
        let log = CallLog()
        let context = makeContext([ScriptedModel("grader", log: log, answers: [verdictJSON(score: 1)])])
        let failing = Gate.verifier(VerifierJudge(name: "regex", verifier: Verifier(.regex("^never$"))))
        let passing = Gate.judge(ScoreJudge(name: "quality", model: "grader"))
        let input = GateInput(question: question, answer: "42", responder: .model("x", .init()), messages: [])
        let all = try await Gate.all([failing, passing]).evaluate(input, in: context)
        #expect(!all.passed)
        #expect(await log.models.isEmpty)
        let any = try await Gate.any([failing, passing]).evaluate(input, in: context)
        #expect(any.passed)
        #expect(any.node.children.count == 2)
        #expect(await log.models == ["grader"])
    }

    @Test("a resumed item replays every call instead of paying again")
    func resumeReplays() async throws {
        let journal = MemoryJournal()
        let log = CallLog()
        let models: [any ChatModel] = [
            ScriptedModel("small", log: log, answers: ["41"]),
            ScriptedModel("large", log: log, answers: ["42"]),
            ScriptedModel("grader", log: log, answers: [verdictJSON(score: 0.1), verdictJSON(score: 0.95)]),
        ]
        let system = cascade(judge: ScoreJudge(name: "quality", model: "grader"))
        let first = try await system.answer(question, in: makeContext(models, journal: journal))
        let again = try await system.answer(question, in: makeContext(models, journal: journal))
        #expect(await log.models.count == 4)
        #expect(again.text == first.text)
        #expect(again.trace.calls.allSatisfy { $0.replayed })
        #expect(again.trace.calls.map(\.key) == first.trace.calls.map(\.key))
    }

    @Test("a level whose model fails is recorded and skipped; a budget stop is not")
    func failedLevel() async throws {
        let log = CallLog()
        let grader = ScriptedModel("grader", log: log, answers: [verdictJSON(score: 1)])
        let down = QuorumError(.upstreamUnavailable, "server down", context: ["model": "small"])
        let context = makeContext([FailingModel(name: "small", error: down), ScriptedModel("large", log: log, answers: ["42"]), grader])
        let answer = try await cascade(judge: ScoreJudge(name: "quality", model: "grader")).answer(question, in: context)
        #expect(answer.text == "42")
        #expect(answer.level == 2)
        #expect(answer.trace.children[0].note == "escalated: small failed: server down")
        #expect(answer.trace.calls.first?.error?.contains("server down") == true)
        #expect(await log.calls(to: "large").first?.prompt == "What is 6 × 7?")
        let broke = QuorumError(.budgetExhausted, "budget reached")
        let stopped = makeContext([FailingModel(name: "small", error: broke), ScriptedModel("large", log: log, answers: ["42"]), grader])
        await #expect(throws: QuorumError.self) {
            try await cascade(judge: ScoreJudge(name: "quality", model: "grader")).answer(question, in: stopped)
        }
    }

    @Test("a judge inside a nested system still sees the item's original question")
    func nestedJudgeSeesOriginal() async throws {
        let log = CallLog()
        let context = makeContext([
            ScriptedModel("small", log: log, answers: ["41"]),
            ScriptedModel("large", log: log, answers: ["42"]),
            ScriptedModel("grader", log: log) { request, _ in
                request.messages.last!.content.hasSuffix("A=42") ? "Score: 1" : "Score: 0"
            },
        ])
        let judge = ScoreJudge(name: "q", model: "grader", prompt: "Q={question} A={answer}")
        let inner = CascadeSystem(name: "inner", levels: [.model("large", .init())], gate: .judge(judge))
        let outer = CascadeSystem(
            name: "outer", levels: [.model("small", .init()), .system(inner)], gate: .judge(judge), escalation: .refine, gatesLastLevel: true)
        let answer = try await outer.answer(question, in: context)
        #expect(answer.text == "42")
        #expect(answer.resolved)
        let prompts = await log.calls(to: "grader").map(\.prompt)
        #expect(prompts == ["Q=What is 6 × 7? A=41", "Q=What is 6 × 7? A=42", "Q=What is 6 × 7? A=42"])
        #expect(await log.calls(to: "large").first?.prompt.contains("Previous answer:\n41") == true)
    }
}
