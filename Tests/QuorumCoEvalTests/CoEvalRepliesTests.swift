import Foundation
import QuorumCore
@testable import QuorumCoEval
import QuorumTesting
import Testing

@Suite("CoEval replies: repair or reject")
struct CoEvalRepliesTests {
    @Test("repairable teacher JSON is read", arguments: [
        "```json\n{\"prompt\": \"Q\", \"reference_response\": \"A\"}\n```",
        "Sure! Here is the item: {\"prompt\": \"Q\", \"reference_response\": \"A\",} Hope it helps.",
        "{'prompt': 'Q', 'reference_response': 'A'}",
        "{prompt: \"Q\", \"Reference Response\": \"A\"}",
    ])
    func repairsItems(_ reply: String) throws {
        let item = try CoEvalReplies.item(reply)
        #expect(item.prompt == "Q" && item.reference == "A")
    }

    @Test("a reply of many unclosed braces is rejected after a bounded number of tries, not in quadratic time (found by fuzzing)")
    func unclosedBraces() throws {
        // Every `{` starts a try whose bare value reads to the end: n tries of n scalars each, uncapped.
        #expect(LenientJSON.parse(String(repeating: "{a:x", count: 20_000))?.value == nil)
        let prose = String(repeating: "{ stray ", count: 10) + #"{"prompt": "Q", "reference_response": "A"}"#
        #expect(try CoEvalReplies.item(prose).prompt == "Q")
    }

    @Test("unreadable replies are rejected with a reason", arguments: [
        ("I would rather not.", "no JSON object in the reply"),
        ("{\"prompt\": \"Q\"}", "no reference_response in the reply"),
        ("{\"prompt\": \"Q\", \"reference_response\": ", "no JSON object in the reply"),
        ("   ", "empty reply"),
    ])
    func rejectsItems(_ reply: String, _ reason: String) {
        #expect(throws: CoEvalReplyProblem.self) { try CoEvalReplies.item(reply) }
        do {
            _ = try CoEvalReplies.item(reply)
        } catch {
            #expect(error.message == reason)
        }
    }

    @Test("a reply that copies the format's placeholders is rejected, whatever the phase")
    func rejectsEchoes() {
        let echoes: [() throws -> Void] = [
            { _ = try CoEvalReplies.item(#"{"prompt": "The question or instruction a model will receive.", "reference_response": "4"}"#) },
            { _ = try CoEvalReplies.item(#"{"prompt": "What is 2+2?", "reference_response": "..."}"#) },
            { _ = try CoEvalReplies.rubric(#"{"criterion_name": "Function Name is concise."}"#) },
            { _ = try CoEvalReplies.attributes(#"{"target_attributes": {"name": ["easy", "value"]}}"#) },
        ]
        for echo in echoes {
            do {
                try echo()
                Issue.record("an echoed placeholder was accepted")
            } catch let problem as CoEvalReplyProblem {
                #expect(problem.message.contains("copies the format's placeholder"))
            } catch {
                Issue.record("unexpected error \(error)")
            }
        }
        #expect(throws: Never.self) { try CoEvalReplies.rubric(#"{"naming": "Names describe what they hold."}"#) }
    }

    @Test("judge grades in any case are read; unknown criteria are ignored")
    func grades() throws {
        let grades = try CoEvalReplies.grades(
            "```\n{'Accuracy': 'high', \"clarity\": \"MEDIUM.\", \"extra\": \"Low\",}\n```", criteria: ["accuracy", "clarity"])
        #expect(grades == ["accuracy": .high, "clarity": .medium])
        #expect(try CoEvalReplies.grades(#"{"grade": "low"}"#, criteria: ["accuracy"]) == ["accuracy": .low])
        #expect(throws: CoEvalReplyProblem.self) { try CoEvalReplies.grades(#"{"accuracy": "great"}"#, criteria: ["accuracy"]) }
    }

    @Test("attribute proposals keep the order the teacher wrote")
    func attributeOrder() throws {
        let proposal = try CoEvalReplies.attributes(
            #"{"target_attributes": {"zeta": ["b", "a"], "alpha": "one"}, "nuanced_attributes": {}}"#)
        #expect(proposal.target == [CoEvalAttribute(name: "zeta", values: ["b", "a"]), CoEvalAttribute(name: "alpha", values: ["one"])])
        #expect(proposal.nuanced.isEmpty)
    }

    @Test("a malformed teacher reply is rejected with its reason and reply; --continue retries it with a new call")
    func rejectedThenRetried() async throws {
        let temporary = try TemporaryStore()
        var fixture = CoEvalFixture(teachers: 1, students: 1, judges: 1, total: 2)
        // The second item of the run is refused; the repair cases still produce items.
        fixture.replace("teacher1", with: CoEvalScriptedModel("teacher1") { phase, _, number in
            guard phase == .dataGeneration else { return nil }
            return number == 2 ? "I cannot write that." : "```json\n{'prompt': 'Q\(number)', 'reference_response': 'A',}\n```"
        })
        fixture.config.coeval?.concurrency = 1
        let first = try await fixture.run(temporary.store)
        #expect(first.status == .stopped)
        #expect(first.rejected[CoEvalPhase.dataGeneration.rawValue] == 1)
        let status = try await CoEvalStatus.build(runID: first.runID, store: temporary.store)
        #expect(status.phases[2].done == 3 && status.phases[2].rejected == 1 && status.phases[2].gaps == 0)
        #expect(status.phases[3].done == 3 && status.phases[3].gaps == 1)
        let rejection = try #require(status.rejections.first)
        #expect(rejection.reason == "no JSON object in the reply")
        #expect(rejection.reply == "I cannot write that.")
        #expect(rejection.model == "teacher1" && rejection.kind == .malformed && rejection.attempt == 0)

        let second = try await fixture.run(temporary.store, continuing: first.runID)
        #expect(second.status == .completed)
        #expect(fixture.models["teacher1"]?.calls[.dataGeneration] == 5)
        let final = try await CoEvalStatus.build(runID: first.runID, store: temporary.store)
        #expect(final.rejections.isEmpty && final.phases[2].done == 4)
        // The rejected attempt stays accounted: 2 + 2 + 5 teacher calls, 4 student and 4 judge calls.
        #expect(final.spend.map(\.calls).reduce(0, +) == 17)
    }

    @Test("a judge reply that grades nothing is rejected; per_factor keeps what was graded")
    func judgeRejections() async throws {
        let temporary = try TemporaryStore()
        var fixture = CoEvalFixture(teachers: 1, students: 1, judges: 2, total: 1, perFactor: true, autoRubric: false)
        fixture.replace("judge1", with: CoEvalScriptedModel("judge1") { phase, _, _ in phase == .evaluation ? "{\"verdict\": \"fine\"}" : nil })
        fixture.replace("judge2", with: CoEvalScriptedModel("judge2") { phase, prompt, _ in
            phase == .evaluation && prompt.contains("- clarity") ? "no idea" : nil
        })
        let outcome = try await fixture.run(temporary.store)
        let artifacts = try await temporary.store.coevalArtifacts(ofRun: outcome.runID)
        #expect(artifacts.evaluations.map(\.judge) == ["judge2", "judge2"])
        #expect(artifacts.evaluations.allSatisfy { $0.scores == ["accuracy": .high] })
        let rejections = try await temporary.store.coevalRejections(ofRun: outcome.runID)
        #expect(rejections.count == 2 && rejections.allSatisfy { $0.model == "judge1" && $0.phase == .evaluation })
    }
}
