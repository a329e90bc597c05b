import Foundation
import QuorumCore
import QuorumOrchestration
import QuorumStore
import QuorumTesting
import Testing

@testable import QuorumEvaluation

@Suite("Judging agreement")
struct JudgingAgreementTests {
    /// A judgment of tip-v1 on `item`'s answer `sha`.
    static func judgment(
        _ judge: String, _ item: String, _ scores: (Double, Double, Double), formatOK: Bool = true, kind: JudgmentKind = .human,
        sha: String = "same"
    ) -> Judgment {
        let flags = ["format_ok": formatOK, "overlong": false]
        let values = ["relevance": scores.0, "actionability": scores.1, "tone": scores.2]
        return Judgment(
            runID: "r", system: "s", itemID: item, judge: judge, kind: kind, rubric: "tip-v1@1", scores: values, flags: flags,
            composite: scores.0 + scores.1 + scores.2 + (formatOK ? 2 : 0), candidateSHA256: sha, judgedAt: Date())
    }

    @Test("two people on the same cells: alpha and mean absolute difference per criterion, flag and composite")
    func amongHumans() throws {
        let judgments = [
            Self.judgment("ana", "q0", (5, 4, 3)), Self.judgment("bo", "q0", (4, 4, 3)),
            Self.judgment("ana", "q1", (3, 2, 2)), Self.judgment("bo", "q1", (3, 3, 2), formatOK: false),
            Self.judgment("ana", "q2", (1, 1, 5)), Self.judgment("bo", "q2", (1, 2, 4)),
            Self.judgment("ana", "q3", (2, 2, 2)),  // judged by one person only: not paired
        ]
        let agreement = JudgingAgreement(judgments: judgments, rubric: .tipExample)
        #expect(agreement.humanJudges == ["ana", "bo"] && agreement.llmJudges == [] && agreement.humanVersusLLM == [])
        #expect(agreement.amongHumans.map(\.name) == ["relevance", "actionability", "tone", "format_ok", "overlong", "composite"])
        let relevance = try #require(agreement.amongHumans.first)
        #expect(relevance.cells == 3 && relevance.pairs == 3)
        #expect(relevance.meanAbsoluteDifference == 1.0 / 3)
        #expect(relevance.alpha == KrippendorffAlpha.alpha([[5, 4], [3, 3], [1, 1], [2, nil]], metric: .interval))
        let flag = try #require(agreement.amongHumans.first { $0.name == "format_ok" })
        #expect(flag.meanAbsoluteDifference == 1.0 / 3)
        #expect(agreement.amongHumans.first { $0.name == "overlong" }?.alpha == nil)  // always false: undefined
        let composite = try #require(agreement.amongHumans.last)
        #expect(composite.meanAbsoluteDifference == 2.0 / 3)  // 14 vs 13, 9 vs 8, 9 vs 9
    }

    @Test("people against the LLM judge: per cell, the people's mean against the judge's")
    func humanVersusLLM() throws {
        let judgments = [
            Self.judgment("ana", "q0", (5, 4, 3)), Self.judgment("bo", "q0", (3, 4, 3)),
            Self.judgment("tips", "q0", (5, 5, 5), kind: .llm),
            Self.judgment("ana", "q1", (2, 2, 2)), Self.judgment("tips", "q1", (1, 2, 2), kind: .llm),
            // Another answer of q1 than the one people saw: another unit, never paired.
            Self.judgment("tips", "q1", (5, 5, 5), kind: .llm, sha: "newer"),
        ]
        let agreement = JudgingAgreement(judgments: judgments, rubric: .tipExample)
        #expect(agreement.llmJudges == ["tips"])
        let relevance = try #require(agreement.humanVersusLLM.first)
        #expect(relevance.cells == 2 && relevance.pairs == 2 && relevance.meanAbsoluteDifference == 1)  // |4 − 5| and |2 − 1|
        #expect(relevance.alpha == KrippendorffAlpha.alpha([[4, 5], [2, 1]], metric: .interval))
    }

    @Test("one person, or another rubric's judgments, give no agreement among people")
    func tooFew() {
        var other = Self.judgment("bo", "q0", (1, 1, 1))
        other.rubric = "tip-v1@2"
        let agreement = JudgingAgreement(judgments: [Self.judgment("ana", "q0", (5, 4, 3)), other], rubric: .tipExample)
        #expect(agreement.humanJudges == ["ana"] && agreement.amongHumans.isEmpty)
    }

    @Test("an LLM rubric judge's verdicts on final answers become judgments; a gate's verdicts do not")
    func verdictsAsJudgments() {
        var verdict = VerdictRecord(judge: "tips", score: 0.8, passed: true)
        verdict.criteria = ["relevance": 4, "actionability": 3, "tone": 5]
        verdict.flags = ["format_ok": true, "overlong": false]
        verdict.composite = 14
        verdict.rubric = "tip-v1@1"
        var scored = ItemRecord(runID: "r", system: "s", itemID: "q0", position: 0, status: .answered, prompt: "p")
        scored.answer = "tip"
        scored.trace = TraceNode(kind: .system, label: "s", children: [
            TraceNode(kind: .level, label: "level 1", children: [TraceNode(kind: .verdict, label: "gate", verdict: verdict)]),
            TraceNode(kind: .verdict, label: "tips", verdict: verdict),
        ])
        var gated = scored
        gated.itemID = "q1"
        gated.trace?.children.removeLast()
        let judgments = Judgment.rubricVerdicts(of: [scored, gated])
        #expect(judgments.count == 1)
        #expect(judgments.first?.kind == .llm && judgments.first?.judge == "tips" && judgments.first?.composite == 14)
        #expect(judgments.first?.scores == verdict.criteria && judgments.first?.flags == verdict.flags)
    }
}
