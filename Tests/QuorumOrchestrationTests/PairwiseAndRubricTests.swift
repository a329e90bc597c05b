import QuorumCore
import QuorumTesting
import Testing

@testable import QuorumOrchestration

@Suite("Pairwise and rubric judges")
struct PairwiseAndRubricTests {
    let question = Question(id: "q", prompt: "Explain TCP.")

    @Test("reads Arena-Hard labels", arguments: [
        ("Clearly [[A>>B]].", PairwiseJudge.Label?.some(.muchBetterA)),
        ("My verdict: [[B>A]]", .betterB),
        ("Tie: [A=B]", .tie),
        ("[[A<B]]", .betterB),
        ("[[A>B]] or maybe [[B>A]]", nil),
        ("no label", nil),
    ])
    func labels(text: String, expected: PairwiseJudge.Label?) {
        #expect(PairwiseJudge.label(in: text) == expected)
    }

    @Test("judges twice with positions swapped and combines the games")
    func swapsAndCombines() async throws {
        let log = CallLog()
        // The judge prefers whichever answer mentions "handshake", wherever it is shown.
        let grader = ScriptedModel("grader", log: log) { request, _ in
            let prompt = request.messages.last!.content
            let a = prompt.range(of: "Assistant A's Answer]\n")!.upperBound
            return prompt[a...].hasPrefix("handshake") ? "[[A>B]]" : "[[B>>A]]"
        }
        let judge = PairwiseJudge(name: "arena", model: "grader")
        let comparison = try await judge.compare("plain", "handshake", for: question, in: makeContext([grader]))
        #expect(comparison.labels == [.muchBetterB, .betterB])
        #expect(comparison.winner == .second)
        #expect(comparison.isConsistent)
        #expect(await log.entries.count == 2)
    }

    @Test("counts a pair as inconsistent when the games disagree")
    func inconsistent() async throws {
        let log = CallLog()
        let grader = ScriptedModel("grader", log: log, answers: ["[[A>B]]"])  // always favours position A
        let comparison = try await PairwiseJudge(name: "arena", model: "grader")
            .compare("one", "two", for: question, in: makeContext([grader]))
        #expect(!comparison.isConsistent)
        #expect(comparison.winner == .tie)
    }

    @Test("a single-call rubric combines weighted criteria")
    func rubricSingle() async throws {
        let log = CallLog()
        let grader = ScriptedModel("grader", log: log, answers: [#"{"scores": {"accuracy": 10, "clarity": 4}}"#])
        let judge = RubricJudge(
            name: "r", model: "grader", criteria: [.init(name: "accuracy", weight: 3), .init(name: "clarity", weight: 1)],
            threshold: 8)
        let verdict = try await judge.verdict(on: "answer", to: question, in: makeContext([grader]))
        #expect(verdict.score == 0.85)
        #expect(verdict.passed)
        #expect(await log.entries.first?.prompt.contains("- clarity") == true)
    }

    @Test("a per-factor rubric makes one call per criterion")
    func rubricPerFactor() async throws {
        let log = CallLog()
        let grader = ScriptedModel("grader", log: log) { request, _ in
            request.messages.last!.content.contains("Criterion: accuracy") ? #"{"score": 6}"# : "Score: 2"
        }
        let judge = RubricJudge(
            name: "r", model: "grader", criteria: [.init(name: "accuracy"), .init(name: "clarity")], mode: .perFactor)
        let verdict = try await judge.verdict(on: "answer", to: question, in: makeContext([grader]))
        #expect(verdict.calls.count == 2)
        #expect(abs((verdict.score ?? 0) - 0.4) < 1e-9)
        #expect(!verdict.passed)
    }
}
