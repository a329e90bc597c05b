import QuorumCore
import QuorumTesting
import Testing

@testable import QuorumOrchestration

@Suite("Self-consistency, best-of-n and router")
struct SamplingSystemTests {
    let question = Question(id: "s1", prompt: "What is 2 + 2?")

    @Test("self-consistency returns the majority answer's first full text")
    func majority() async throws {
        let log = CallLog()
        let model = ScriptedModel("m", log: log) { request, _ in
            ["It is 4.", "5", "Answer: 4"][request.parameters.seed! - 10]
        }
        let system = SelfConsistencySystem(name: "sc", responder: .model("m", .init()), n: 3, seed: 10, extractor: .number)
        let answer = try await system.answer(question, in: makeContext([model]))
        #expect(answer.text == "It is 4.")
        #expect(answer.trace.note?.contains("4×2") == true)
        let temperatures = await log.entries.sorted { $0.request.parameters.seed! < $1.request.parameters.seed! }
            .map(\.request.parameters.temperature)
        #expect(temperatures == [nil, 0.7, 0.7], "sample 1 is the model's own answer, the others are drawn hot")
    }

    @Test("a tie goes to the answer seen first")
    func tieFirstSeen() async throws {
        let log = CallLog()
        let model = ScriptedModel("m", log: log) { request, _ in ["5", "4", "4", "5"][request.parameters.seed!] }
        let system = SelfConsistencySystem(name: "sc", responder: .model("m", .init()), n: 4, seed: 0, extractor: .number)
        #expect(try await system.answer(question, in: makeContext([model])).text == "5")
    }

    @Test("a judge breaks a tie when one is given")
    func tieJudge() async throws {
        let log = CallLog()
        let model = ScriptedModel("m", log: log) { request, _ in ["5", "4", "4", "5"][request.parameters.seed!] }
        let grader = ScriptedModel("grader", log: log) { request, _ in
            request.messages.last!.content.contains("Candidate answer:\n4") ? verdictJSON(score: 0.9) : verdictJSON(score: 0.1)
        }
        let system = SelfConsistencySystem(
            name: "sc", responder: .model("m", .init()), n: 4, seed: 0, extractor: .number,
            judge: ScoreJudge(name: "quality", model: "grader"))
        let answer = try await system.answer(question, in: makeContext([model, grader]))
        #expect(answer.text == "4")
        #expect(await log.calls(to: "grader").count == 2)
    }

    @Test("best-of-n keeps the highest-scored sample")
    func bestByScore() async throws {
        let log = CallLog()
        let model = ScriptedModel("m", log: log) { request, _ in "candidate \(request.parameters.seed!)" }
        let grader = ScriptedModel("grader", log: log) { request, _ in
            request.messages.last!.content.contains("candidate 2") ? verdictJSON(score: 0.8) : verdictJSON(score: 0.3)
        }
        let system = BestOfNSystem(
            name: "bon", responders: [.model("m", .init())], n: 3, seed: 1,
            selection: .score(ScoreJudge(name: "quality", model: "grader")))
        let answer = try await system.answer(question, in: makeContext([model, grader]))
        #expect(answer.text == "candidate 2")
        #expect(answer.judgeCost == usd("0.003"))
    }

    @Test("best-of-n knockout advances pairwise winners")
    func knockout() async throws {
        let log = CallLog()
        let models: [any ChatModel] = ["a", "b", "c"].map { name in ScriptedModel(name, log: log, answers: ["answer \(name)"]) }
        // The judge always prefers "answer c", else position A.
        let grader = ScriptedModel("grader", log: log) { request, _ in
            let prompt = request.messages.last!.content
            guard prompt.contains("answer c") else { return "[[A>B]] [[A>B]]" }
            let a = prompt.range(of: "Assistant A's Answer]\n")!.upperBound
            return prompt[a...].hasPrefix("answer c") ? "[[A>>B]]" : "[[B>>A]]"
        }
        let system = BestOfNSystem(
            name: "bon", responders: ["a", "b", "c"].map { .model($0, .init()) }, n: 3,
            selection: .knockout(PairwiseJudge(name: "arena", model: "grader")))
        let answer = try await system.answer(question, in: makeContext(models + [grader]))
        #expect(answer.text == "answer c")
    }

    @Test("the router follows the first matching route, else the default")
    func router() async throws {
        let log = CallLog()
        let context = makeContext(["math", "code", "general"].map { ScriptedModel($0, log: log, answers: [$0]) })
        let system = RouterSystem(
            name: "router",
            routes: [
                .init(conditions: [.category("math")], responder: .model("math", .init())),
                .init(conditions: [.promptRegex("(?i)python")], responder: .model("code", .init())),
            ],
            fallback: .model("general", .init()))
        var math = question
        math.category = "Math"
        #expect(try await system.answer(math, in: context).text == "math")
        #expect(try await system.answer(Question(id: "p", prompt: "Write Python."), in: context).text == "code")
        #expect(try await system.answer(question, in: context).text == "general")
    }

    @Test("with a gate, a sure first answer is returned without drawing the other samples; a doubted one goes to the vote")
    func gatedSelfConsistency() async throws {
        func run(_ logprobs: [Double]) async throws -> (Answer, [ChatRequest]) {
            let log = CallLog()
            let system = SelfConsistencySystem(
                name: "sc", responder: .model("m", .init()), n: 5, seed: 0, extractor: .number,
                gate: .confidence(ConfidenceRule(signal: .mean, threshold: -0.5)))
            let answer = try await system.answer(
                question, in: makeContext([ConfidentModel(name: "m", log: log, text: "4", logprobs: logprobs)]))
            return (answer, await log.entries.map(\.request))
        }
        let (sure, sureCalls) = try await run([-0.1, -0.2])
        #expect(sure.text == "4" && sureCalls.count == 1)
        #expect(sureCalls.first?.parameters.logprobs == 0 && sureCalls.first?.parameters.temperature == nil)
        #expect(sure.trace.note?.hasPrefix("self-consistency: sample 1 passed the gate") == true)
        #expect(sure.trace.children.map(\.kind) == [.sample, .verdict])

        let (doubted, doubtedCalls) = try await run([-2.0, -1.0])
        #expect(doubted.text == "4" && doubtedCalls.count == 5)
        // Only sample 1 asked for logprobs; the vote's samples are drawn hot as without a gate.
        #expect(doubtedCalls.count { $0.parameters.logprobs != nil } == 1)
        #expect(doubtedCalls.count { $0.parameters.temperature == 0.7 } == 4)
        #expect(doubted.trace.children.map(\.kind) == [.sample, .verdict, .sample, .sample, .sample, .sample])
        #expect(doubted.trace.children[1].verdict?.passed == false)
    }
}
