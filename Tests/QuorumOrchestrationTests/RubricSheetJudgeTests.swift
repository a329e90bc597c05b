import Foundation
import QuorumCore
import QuorumTesting
import Testing

@testable import QuorumOrchestration

/// A rubric judge built over a rubric of `rubrics:` (tip-v1): its prompt shows the rubric, its
/// reply is read leniently, and its verdict carries the scores, flags and composite.
@Suite("Rubric judges over a rubric of rubrics:")
struct RubricSheetJudgeTests {
    let question = Question(id: "q", prompt: "Give me a tip for a rainy Monday.")

    static func judge(threshold: Double? = nil) throws -> RubricJudge {
        RubricJudge(name: "tips", model: "grader", rubric: try Rubric(.tipExample), threshold: threshold)
    }

    @Test("the prompt lists each criterion with its scale and anchors, and each flag")
    func prompt() async throws {
        let log = CallLog()
        let grader = ScriptedModel("grader", log: log, answers: [Self.reply])
        _ = try await Self.judge().verdict(on: "Take an umbrella.", to: question, in: makeContext([grader]))
        let prompt = try #require(await log.entries.first?.prompt)
        #expect(prompt.contains("Rubric tip-v1@1"))
        #expect(prompt.contains("- relevance (1–5): Does the tip fit the user's situation?\n    1: ignores the situation\n    3: fits part of it"))
        #expect(prompt.contains("- tone (1–5): Friendly and direct.\n    1: preachy\n    5: warm"))
        #expect(prompt.contains("Checks (true or false):\n- format_ok: One or two sentences.\n- overlong"))
        #expect(prompt.contains("Take an umbrella.") && prompt.contains("rainy Monday"))
    }

    @Test("the judge sees the instructions the answerer was given, so format checks can be judged")
    func instructions() async throws {
        let log = CallLog()
        let grader = ScriptedModel("grader", log: log, answers: [Self.reply])
        let asked = Question(id: "q", messages: [.system("Answer in two lines: Tip, Why."), .user("Rainy Monday?")])
        _ = try await Self.judge().verdict(on: "Tip: umbrella", to: asked, in: makeContext([grader]))
        let prompt = try #require(await log.entries.first?.prompt)
        #expect(prompt.contains("(The answerer was instructed: Answer in two lines: Tip, Why.)\n\nRainy Monday?"))
    }

    static let reply = #"""
        Here you go: {"scores": {"Relevance": 4, "actionability": "3", "TONE": {"score": 5}},
        "flags": {"format_ok": "yes", "Overlong": 0}, "reasoning": "Fits, one step."}
        """#

    @Test("the reply's scores and flags give the composite; the score is it on 0…1")
    func verdict() async throws {
        let grader = ScriptedModel("grader", answers: [Self.reply])
        let verdict = try await Self.judge().verdict(on: "Take an umbrella.", to: question, in: makeContext([grader]))
        let record = verdict.record
        #expect(record.criteria == ["relevance": 4, "actionability": 3, "tone": 5])
        #expect(record.flags == ["format_ok": true, "overlong": false])
        #expect(record.composite == 14 && record.rubric == "tip-v1@1")
        #expect(record.score == 0.8 && record.passed)
        #expect(record.reasoning == "relevance 4, actionability 3, tone 5; format_ok yes, overlong no; composite 14 of 2…17. Fits, one step.")
        #expect(record.feedback == nil)
    }

    @Test("the threshold applies to the normalized composite")
    func threshold() async throws {
        let grader = ScriptedModel("grader", answers: [Self.reply])
        let verdict = try await Self.judge(threshold: 0.9).verdict(on: "a", to: question, in: makeContext([grader]))
        #expect(!verdict.passed && verdict.score == 0.8)
        #expect(verdict.record.feedback?.hasPrefix("Rubric scores: relevance 4") == true)
    }

    @Test("a flat reply is read too")
    func flatReply() async throws {
        let flat = #"{"relevance": 5, "actionability": 5, "tone": 5, "format_ok": true, "overlong": "no"}"#
        let verdict = try await Self.judge().verdict(on: "a", to: question, in: makeContext([ScriptedModel("grader", answers: [flat])]))
        #expect(verdict.record.composite == 17 && verdict.score == 1)
    }

    @Test("a score out of range or a missing flag is asked for again, once")
    func retries() async throws {
        let log = CallLog()
        let outOfRange = #"{"scores": {"relevance": 7, "actionability": 3, "tone": 5}, "flags": {"format_ok": true, "overlong": false}}"#
        let grader = ScriptedModel("grader", log: log, answers: [outOfRange, Self.reply])
        let verdict = try await Self.judge().verdict(on: "a", to: question, in: makeContext([grader]))
        #expect(verdict.calls.count == 2 && verdict.record.composite == 14)

        let noFlag = #"{"scores": {"relevance": 3, "actionability": 3, "tone": 3}, "flags": {"format_ok": true}}"#
        let stubborn = ScriptedModel("grader", answers: [noFlag])
        let failed = try await Self.judge().verdict(on: "a", to: question, in: makeContext([stubborn]))
        #expect(failed.calls.count == 2 && !failed.passed && failed.score == nil)
        #expect(failed.record.parseError == "no true or false for check 'overlong'")
        #expect(failed.record.criteria == nil)
    }

    @Test("the factory builds a rubric judge from a rubric reference, with 0.5 as its default pass mark")
    func factory() throws {
        var config = QuorumConfig(judges: [
            JudgeConfig(name: "tips", type: "rubric", model: "grader"),
            { var judge = JudgeConfig(name: "strict", type: "rubric", model: "grader"); judge.rubric = "tip-v1"; judge.threshold = 0.7; return judge }(),
        ])
        config.judges[0].rubric = "tip-v1"
        config.rubrics = [.tipExample]
        let judges = try SystemFactory(config: config, models: ["grader": ScriptedModel("grader", answers: ["{}"])]).makeJudges()
        let tips = try #require(judges["tips"] as? RubricJudge)
        #expect(tips.rubric?.label == "tip-v1@1" && tips.threshold == 0.5)
        #expect((judges["strict"] as? RubricJudge)?.threshold == 0.7)

        config.judges[0].rubric = "tip-v9"
        #expect(throws: (any Error).self) { try SystemFactory(config: config, models: ["grader": ScriptedModel("grader", answers: ["{}"])]).makeJudges() }
    }

    @Test("a verdict stored before rubric fields existed still decodes")
    func oldVerdictDecodes() throws {
        let stored = #"{"judge": "quality", "score": 0.7, "passed": true, "reasoning": "fine"}"#
        let record = try JSONDecoder().decode(VerdictRecord.self, from: Data(stored.utf8))
        #expect(record.score == 0.7 && record.criteria == nil && record.flags == nil && record.composite == nil && record.rubric == nil)
    }
}
