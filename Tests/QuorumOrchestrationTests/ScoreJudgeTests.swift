import QuorumCore
import QuorumTesting
import Testing

@testable import QuorumOrchestration

@Suite("Score judge")
struct ScoreJudgeTests {
    let question = Question(id: "q", prompt: "Capital of France?", reference: "Paris")

    @Test(
        "reads the verdict however the model wrapped it",
        arguments: [
            (#"{"reasoning": "ok", "verdict": "Valid", "score": 0.9, "feedback": ""}"#, 0.9),
            ("Here you go:\n```json\n{\"reasoning\": \"ok\", \"verdict\": \"Valid\", \"score\": 0.8, \"feedback\": \"\"}\n```", 0.8),
            ("Sure! {'reasoning': 'fine', 'verdict': 'Valid', 'score': 0.7, 'feedback': '',} Hope this helps.", 0.7),
            ("{reasoning: \"multi\nline\", verdict: \"Valid\", score: 0.6, feedback: \"\"}", 0.6),
            (#"{"score": "0.5"}"#, 0.5),
            ("The answer is fine. Score: 0.4", 0.4),
            ("I would rate this 3/10.", 0.3),
        ])
    func parsesFallbacks(reply: String, expected: Double) throws {
        let reading = try ScoreParser(scale: 1).parse(reply)
        #expect(abs(reading.score - expected) < 1e-9)
    }

    @Test("reads 1–10 scores on a scale of 10", arguments: [("Score: 7", 7.0), ("7/10", 7.0), ("Rating: [[8]]", 8.0)])
    func parsesTenScale(reply: String, expected: Double) throws {
        #expect(try ScoreParser(scale: 10).parse(reply).score == expected)
    }

    @Test("rejects scores outside the scale and unknown verdicts", arguments: [
        #"{"verdict": "Valid", "score": 7}"#, #"{"verdict": "Maybe", "score": 0.5}"#, "no score here", "Score: 12",
    ])
    func rejects(reply: String) {
        #expect(throws: QuorumError.self) { try ScoreParser(scale: 1).parse(reply) }
    }

    @Test("passes at the threshold unless the verdict is Invalid")
    func threshold() async throws {
        let log = CallLog()
        let context = makeContext([ScriptedModel("grader", log: log, answers: [
            verdictJSON(score: 0.9), verdictJSON(score: 0.95, verdict: "Invalid"), verdictJSON(score: 0.89),
        ])])
        let judge = ScoreJudge(name: "quality", model: "grader")
        let results = try await [0, 1, 2].asyncMap { _ in try await judge.verdict(on: "Paris", to: question, in: context) }
        #expect(results.map(\.passed) == [true, false, false])
        #expect(results[1].record.label == "Invalid")
    }

    @Test("asks for the verdict JSON with a schema whose verdict is an enum")
    func requestsSchema() async throws {
        let log = CallLog()
        let context = makeContext([ScriptedModel("grader", log: log, answers: [verdictJSON(score: 1)])])
        _ = try await ScoreJudge(name: "quality", model: "grader").verdict(on: "Paris", to: question, in: context)
        let request = try #require(await log.entries.first?.request)
        let schema = try #require(request.responseFormat.schema)
        #expect(schema["properties"]?["verdict"]?["enum"] == ["Valid", "Invalid"])
        #expect(request.parameters.temperature == 0)
        #expect(request.messages.last?.content.contains("Paris") == true)
    }

    @Test("retries once with a stricter instruction, then records an unreadable verdict as not passed")
    func retriesThenGivesUp() async throws {
        let log = CallLog()
        let context = makeContext([ScriptedModel("grader", log: log, answers: ["I think it is good.", "Still good!"])])
        let verdict = try await ScoreJudge(name: "quality", model: "grader").verdict(on: "Paris", to: question, in: context)
        #expect(!verdict.passed)
        #expect(verdict.score == nil)
        #expect(verdict.record.parseError != nil)
        #expect(verdict.calls.count == 2)
        let retry = try #require(await log.entries.last)
        #expect(retry.request.messages.count == 3)
        #expect(retry.request.messages[1] == .assistant("I think it is good."))
        #expect(retry.prompt.contains("only the JSON object"))
    }

    @Test("a successful retry counts, with both calls in the judge cost")
    func retrySucceeds() async throws {
        let log = CallLog()
        let context = makeContext([ScriptedModel("grader", log: log, answers: ["oops", verdictJSON(score: 0.95)])])
        let verdict = try await ScoreJudge(name: "quality", model: "grader").verdict(on: "Paris", to: question, in: context)
        #expect(verdict.passed)
        #expect(verdict.calls.map(\.key) == ["judge.quality", "judge.quality.retry"])
        #expect(verdict.calls.allSatisfy { $0.role == .judge })
    }

    @Test("a prompt override is used verbatim with its placeholders filled")
    func verbatimPrompt() async throws {
        let log = CallLog()
        let context = makeContext([ScriptedModel("grader", log: log, answers: ["Score: 9"])])
        let judge = ScoreJudge(
            name: "mine", model: "grader", scale: 10, prompt: "Q={question} A={answer} R={reference} {literal}")
        let verdict = try await judge.verdict(on: "Lyon", to: question, in: context)
        #expect(await log.entries.first?.prompt == "Q=Capital of France? A=Lyon R=Paris {literal}")
        #expect(verdict.passed)
        #expect(verdict.score == 0.9)
    }
}

extension Sequence where Element: Sendable {
    /// Runs `transform` on each element in order.
    func asyncMap<Result>(_ transform: (Element) async throws -> Result) async rethrows -> [Result] {
        var results: [Result] = []
        for element in self { results.append(try await transform(element)) }
        return results
    }
}
