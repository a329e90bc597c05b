import QuorumCore
import QuorumTesting
import Testing

@testable import QuorumOrchestration

@Suite("Prompts and trace printing")
struct PromptAndTraceTests {
    @Test("fills only known placeholders and never re-expands what it inserted")
    func fill() {
        let text = PromptTemplate.fill("{a} {b} {\"json\": 1} {a}", ["a": "{b}", "b": "x"])
        #expect(text == "{b} x {\"json\": 1} {b}")
        #expect(PromptTemplate.fill("{{a}} {a", ["a": "é"]) == "{é} {a")
        #expect(PromptTemplate.fill("café {a}!", ["a": "ü"]) == "café ü!")
    }

    @Test("every default prompt is listed with the placeholders it uses")
    func defaults() {
        #expect(DefaultPrompts.all.count == Set(DefaultPrompts.all.map(\.name)).count)
        #expect(PlaceholderNames.of(DefaultPrompts.refine) == ["question", "previous_answer", "feedback"])
        #expect(PlaceholderNames.of(DefaultPrompts.scoreJudge).contains("answer"))
        #expect(PromptSet(overrides: ["refine": "Again: {question}"]).render("refine", ["question": "Q"]) == "Again: Q")
        #expect(PromptSet().persona("very strict") == DefaultPrompts.personaVeryStrict)
        #expect(PromptSet().persona("a pirate") == "a pirate")
    }

    @Test("prints the trace as a tree with costs, gates and notes")
    func printsTree() async throws {
        let log = CallLog()
        let context = makeContext([
            ScriptedModel("small", log: log, answers: ["41"]),
            ScriptedModel("large", log: log, answers: ["42"]),
            ScriptedModel("grader", log: log, answers: [verdictJSON(score: 0.2, verdict: "Invalid"), verdictJSON(score: 1)]),
        ])
        let system = CascadeSystem(
            name: "ladder", levels: [.model("small", .init()), .model("large", .init())],
            gate: .judge(ScoreJudge(name: "quality", model: "grader")), gatesLastLevel: true)
        let answer = try await system.answer(Question(id: "t", prompt: "6×7?"), in: context)
        let text = TracePrinter().render(answer)
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines[0].hasPrefix("ladder  — cascade: accepted at level 2"))
        #expect(lines[0].contains("$0.002000 answer + $0.002000 judge = $0.004000"))
        #expect(lines[1].hasPrefix("├─ level 1  — escalated: judge:quality: score 0.20, Invalid"))
        #expect(lines[2].hasPrefix("│  ├─ call small  10→5 tok  $0.001000"))
        #expect(lines[3].hasPrefix("│  └─ gate  judge:quality  ✗  0.20  — judge:quality: score 0.20, Invalid"))
        #expect(lines[4].hasPrefix("│     └─ verdict quality  ✗"))
        #expect(lines[5].hasPrefix("│        └─ call grader"))
        #expect(lines.last == "final answer from level 2, " + String(format: "%.2fs", answer.latency))
    }
}
