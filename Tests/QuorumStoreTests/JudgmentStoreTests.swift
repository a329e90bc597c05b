import Foundation
import QuorumCore
import QuorumStore
import QuorumTesting
import Testing

@Suite("Judgment store (SQLite)")
struct JudgmentStoreTests {
    static func judgment(_ runID: String, _ system: String, judge: String = "ana", relevance: Double = 4, at seconds: TimeInterval = 1_800_000_000) -> Judgment {
        Judgment(
            runID: runID, system: system, itemID: "q0", judge: judge, kind: .human, rubric: "tip-v1@1",
            scores: ["relevance": relevance, "tone": 2], flags: ["overlong": true], composite: relevance + 1, comment: nil,
            candidateSHA256: "abc", judgedAt: Date(timeIntervalSince1970: seconds))
    }

    @Test("judgments round trip in the order first stored; a changed one replaces its key's, a same one changes nothing")
    func roundTrip() async throws {
        let temporary = try TemporaryStore()
        let runID = try await temporary.createRun(questions: arithmeticQuestions(1), systems: ["a", "b"])
        let other = try await temporary.createRun(questions: arithmeticQuestions(1), systems: ["a"])
        let store = try temporary.store.judgmentStore()
        var first = Self.judgment(runID, "b")
        first.comment = "line\nbreak"
        try await store.saveJudgments([first, Self.judgment(runID, "a"), Self.judgment(runID, "a", judge: "bo"), Self.judgment(other, "a")])
        #expect(try await store.judgments(ofRun: runID) == [first, Self.judgment(runID, "a"), Self.judgment(runID, "a", judge: "bo")])

        try await store.saveJudgments([Self.judgment(runID, "a", at: 1_900_000_000), Self.judgment(runID, "b", relevance: 2, at: 1_900_000_000)])
        let stored = try await store.judgments(ofRun: runID)
        #expect(stored.map(\.system) == ["b", "a", "a"])
        #expect(stored[0] == Self.judgment(runID, "b", relevance: 2, at: 1_900_000_000))
        #expect(stored[1].judgedAt == Date(timeIntervalSince1970: 1_800_000_000))
        #expect(try await store.judgments(ofRun: other).count == 1)
    }

    @Test("a judgment of a run the store does not have is refused, and the batch with it")
    func unknownRun() async throws {
        let temporary = try TemporaryStore()
        let runID = try await temporary.createRun(questions: arithmeticQuestions(1), systems: ["a"])
        await #expect(throws: (any Error).self) {
            try await temporary.store.saveJudgments([Self.judgment(runID, "a"), Self.judgment("no-such-run", "a")])
        }
        #expect(try await temporary.store.judgments(ofRun: runID).isEmpty)
    }
}
