import Foundation
import QuorumCore
import Testing

@testable import QuorumOrchestration

@Suite("Verifiers")
struct VerifierTests {
    @Test(
        "check answers against references",
        arguments: [
            (Verifier.Kind.exact, " Paris\n", "Paris", true),
            (.exact, "paris", "Paris", false),
            (.normalized, "The  Paris!", "paris", true),
            (.numeric(tolerance: 0.01), "So the total is 1,234.5 dollars", "1234.5", true),
            (.numeric(tolerance: 0.01), "It is 12, not 13", "12", false),
            (.choice, "The answer is (C).", "C", true),
            (.choice, "**B**", "C", false),
            (.contains, "I believe it is Paris, France.", "paris", true),
            (.auto(tolerance: 1e-6), "The result is 42.", "42", true),
            (.auto(tolerance: 1e-6), "The capital of France is Paris.", "Paris", true),
            (.auto(tolerance: 1e-6), "B", "b", true),
            (.auto(tolerance: 1e-6), "Lyon", "Paris", false),
        ])
    func checks(kind: Verifier.Kind, answer: String, reference: String, expected: Bool) async {
        #expect(await Verifier(kind).check(answer, reference: reference).passed == expected)
    }

    @Test("a missing reference fails checks that need one")
    func missingReference() async {
        #expect(await Verifier(.normalized).check("x", reference: nil).passed == false)
        #expect(await Verifier(.regex("x")).check("x", reference: nil).passed)
    }

    @Test("json-schema checks types, required keys, enums and bounds")
    func jsonSchema() async {
        let schema: JSONValue = [
            "type": "object", "required": ["name", "age"], "additionalProperties": false,
            "properties": ["name": ["type": "string", "minLength": 1], "age": ["type": "integer", "minimum": 0],
                           "tags": ["type": "array", "items": ["enum": ["a", "b"]]]],
        ]
        let verifier = Verifier(.jsonSchema(schema))
        #expect(await verifier.check(#"{"name": "Ada", "age": 36, "tags": ["a"]}"#, reference: nil).passed)
        #expect(await verifier.check("Result: ```json\n{\"name\": \"Ada\", \"age\": 36}\n```", reference: nil).passed)
        let problems = JSONSchemaValidator(schema: schema).problems(in: ["age": -1.5, "tags": ["c"], "x": 1])
        #expect(problems.contains("$: missing \"name\""))
        #expect(problems.contains("$.age: expected integer, found number"))
        #expect(problems.contains("$.tags[0]: not one of the allowed values"))
        #expect(problems.contains("$: unexpected \"x\""))
        #expect(await verifier.check("not json", reference: nil).passed == false)
    }

    @Test("code runs the tests against the answer's fenced code")
    func codePasses() async {
        let answer = "Here:\n```python\ndef add(a, b):\n    return a + b\n```\nAnd a usage example:\n```\nadd(1, 2)\n```"
        let outcome = await Verifier(.code(tests: "assert add(2, 3) == 5", limits: .init())).check(answer, reference: nil)
        #expect(outcome.passed, "\(outcome.detail)")
    }

    @Test("code fails on a wrong answer, a timeout and an attempt to use the network")
    func codeFails() async {
        let runner = CodeRunner(limits: .init(seconds: 2))
        #expect(await runner.verify(answer: "def add(a, b):\n    return a - b", tests: "assert add(2, 3) == 5").passed == false)
        let slow = await runner.verify(answer: "while True:\n    pass", tests: "")
        #expect(!slow.passed)
        #expect(slow.detail.contains("killed"))
        let network = await runner.verify(
            answer: "import socket\nsocket.create_connection(('127.0.0.1', 9))", tests: "")
        #expect(!network.passed)
        #expect(network.detail.contains("network access is disabled"))
    }

    @Test("the code under test runs with no blocked signal, in its own process group, without API keys")
    func codeRunsClean() async {
        // The tests read the interpreter's own status: SIGTERM/SIGCHLD must reach it, and a key in
        // quorum's environment must not.
        let tests = """
            import os
            status = dict(line.split(":\\t", 1) for line in open("/proc/self/status").read().splitlines() if ":\\t" in line)
            assert int(status["SigBlk"], 16) == 0, status["SigBlk"]
            assert os.getpgrp() == os.getpid()
            assert "OPENAI_API_KEY" not in os.environ
            """
        setenv("OPENAI_API_KEY", "sk-must-not-leak", 1)
        defer { unsetenv("OPENAI_API_KEY") }
        let outcome = await CodeRunner(limits: .init(seconds: 5)).verify(answer: "x = 1", tests: tests)
        #expect(outcome.passed, "\(outcome.detail)")
    }

    @Test("answers are extracted for voting", arguments: [
        (AnswerExtractor.number, "First 3, then 4.0", "4"),
        (.choice, "I pick option D because…", "D"),
        (.text, "Reasoning…\nFinal answer: The Eiffel Tower.", "eiffel tower"),
        (.auto, "B", "B"),
    ])
    func extracts(extractor: AnswerExtractor, text: String, expected: String) {
        #expect(extractor.extract(text) == expected)
    }
}
