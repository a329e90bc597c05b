import QuorumCore
import QuorumTesting
import Testing

@testable import QuorumOrchestration

@Suite("Debate system")
struct DebateSystemTests {
    let question = Question(id: "d1", prompt: "Is 91 prime?")

    func panel(_ scores: [Double], best: Int) -> String {
        let workers = scores.enumerated().map { #"{"worker": \#($0.offset + 1), "score": \#($0.element), "reason": "reason \#($0.offset + 1)"}"# }
        return #"{"workers": [\#(workers.joined(separator: ", "))], "best_worker": \#(best), "best_score": \#(scores[best - 1])}"#
    }

    func level(_ models: [String], rounds: Int, threshold: Double = 8) -> DebateSystem.Level {
        DebateSystem.Level(
            workers: models.enumerated().map { index, model in
                .init(responder: .model(model, .init()), persona: "persona \(index + 1)")
            },
            rounds: rounds, judge: PanelJudge(name: "panel", model: "judge", scale: 10), threshold: threshold)
    }

    @Test("critique rounds show each worker its peers' answers, and the judge's best wins")
    func roundsSeePeers() async throws {
        let log = CallLog()
        let context = makeContext([
            ScriptedModel("w1", log: log, answers: ["w1 first", "w1 revised"]),
            ScriptedModel("w2", log: log, answers: ["w2 first", "w2 revised"]),
            ScriptedModel("judge", log: log, answers: [panel([5, 9], best: 2)]),
        ])
        let system = DebateSystem(name: "debate", levels: [level(["w1", "w2"], rounds: 1)])
        let answer = try await system.answer(question, in: context)
        #expect(answer.text == "w2 revised")
        #expect(answer.resolved)
        let critique = try #require(await log.calls(to: "w1").last)
        #expect(critique.prompt.contains("w1 first"))
        #expect(critique.prompt.contains("w2 first"))
        #expect(critique.system == "persona 1")
        let judged = try #require(await log.calls(to: "judge").first).prompt
        #expect(judged.contains("w1 revised") && judged.contains("w2 revised"))
        let levelNode = answer.trace.children[0]
        #expect(levelNode.children.map(\.label) == ["round 0 (answers)", "round 1 (critique)", "gate"])
        #expect(answer.trace.gateDecisions.first?.score == 0.9)
    }

    @Test("escalates with the previous answers, scores and reasons, and marks the last level unresolved")
    func escalates() async throws {
        let log = CallLog()
        let context = makeContext([
            ScriptedModel("w1", log: log, answers: ["small a"]),
            ScriptedModel("w2", log: log, answers: ["small b"]),
            ScriptedModel("big", log: log, answers: ["big answer"]),
            ScriptedModel("judge", log: log, answers: [panel([3, 4], best: 2), panel([6], best: 1)]),
        ])
        let system = DebateSystem(name: "debate", levels: [level(["w1", "w2"], rounds: 0), level(["big"], rounds: 0)])
        let answer = try await system.answer(question, in: context)
        #expect(answer.text == "big answer")
        #expect(answer.level == 2)
        #expect(!answer.resolved)
        let prompt = try #require(await log.calls(to: "big").first).prompt
        for expected in ["Is 91 prime?", "small a", "small b", "score 4/10", "reason 1"] {
            #expect(prompt.contains(expected), "missing \(expected)")
        }
    }

    @Test("rejects a panel verdict that breaks its schema, then retries")
    func strictPanel() async throws {
        let judge = PanelJudge(name: "p", model: "judge", scale: 10)
        #expect(throws: QuorumError.self) { try judge.parse(#"{"workers": [{"worker": 1, "score": 11, "reason": ""}], "best_worker": 1, "best_score": 11}"#, workers: 1) }
        #expect(throws: QuorumError.self) { try judge.parse(#"{"workers": [{"worker": 1, "score": 5, "reason": ""}, {"worker": 1, "score": 6, "reason": ""}], "best_worker": 1, "best_score": 5}"#, workers: 2) }
        #expect(throws: QuorumError.self) { try judge.parse(#"{"best_worker": 3, "best_score": 5, "workers": []}"#, workers: 2) }
        let log = CallLog()
        let context = makeContext([
            ScriptedModel("w1", log: log, answers: ["a"]),
            ScriptedModel("judge", log: log, answers: ["best is 1", panel([9], best: 1)]),
        ])
        let answer = try await DebateSystem(name: "d", levels: [level(["w1"], rounds: 0)]).answer(question, in: context)
        #expect(answer.resolved)
        #expect(await log.calls(to: "judge").count == 2)
    }
}
