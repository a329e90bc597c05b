import QuorumCore
import QuorumOrchestration
import QuorumStore
import Testing

@testable import QuorumEvaluation

@Suite("GateReview")
struct GateReviewTests {
    /// A stored cascade item: level 1 answered `first` and its gate said `passed`; when it did not,
    /// level 2 (not gated) answered `second`.
    static func item(_ id: String, reference: String, first: String, passed: Bool, second: String = "") -> ItemRecord {
        func level(_ number: Int, _ answer: String, gate: Bool?) -> TraceNode {
            let call = CallRecord(key: "c/level-\(number)/answer", model: "m\(number)", role: .answer, messages: [], response: answer)
            var children = [TraceNode(kind: .call, label: "m\(number)", call: call)]
            if let gate {
                children.append(TraceNode(
                    kind: .verdict, label: "gate", verdict: VerdictRecord(judge: "confidence:mean", score: nil, passed: gate)))
            }
            return TraceNode(kind: .level, label: "level \(number)", note: gate == false ? "escalated: low" : "accepted", children: children)
        }
        var record = ItemRecord(runID: "r", system: "c", itemID: id, position: 0, prompt: "q", reference: reference)
        record.status = .answered
        var levels = [level(1, first, gate: passed)]
        if !passed { levels.append(level(2, second, gate: nil)) }
        record.trace = TraceNode(kind: .system, label: "c", children: levels)
        return record
    }

    @Test("each gated answer is re-checked: accepted/rejected × right/wrong, the ungated last level left out")
    func counts() throws {
        let items = [
            Self.item("1", reference: "4", first: "4", passed: true),
            Self.item("2", reference: "4", first: "5", passed: true),
            Self.item("3", reference: "4", first: "4", passed: false, second: "4"),
            Self.item("4", reference: "4", first: "3", passed: false, second: "4"),
            Self.item("5", reference: "4", first: "3", passed: false, second: "3"),
        ]
        let review = try #require(GateReview(items: items, scoring: "verifier:auto"))
        #expect(review.gate == "confidence:mean")
        #expect(review.decisions == 5)
        #expect([review.acceptedRight, review.acceptedWrong, review.rejectedRight, review.rejectedWrong] == [1, 1, 1, 2])
        #expect(review.precision == 0.5)
        #expect(review.recall == 0.5)
        #expect(review.falseAcceptRate == 1.0 / 3)
    }

    @Test("a gated router's levels are found inside the cascade it handed the item to")
    func nestedCascade() throws {
        var routed = Self.item("1", reference: "4", first: "5", passed: true)
        let cascade = try #require(routed.trace)
        let route = TraceNode(kind: .call, label: "tiny", call: CallRecord(key: "r/route", model: "tiny", role: .answer, messages: []))
        routed.trace = TraceNode(kind: .system, label: "routed", children: [route, cascade])
        let review = try #require(GateReview(items: [routed], scoring: "verifier:auto"))
        #expect(review.acceptedWrong == 1 && review.decisions == 1)
    }

    @Test("no review for a judge-scored run, or a system with no gated level")
    func absent() {
        let items = [Self.item("1", reference: "4", first: "4", passed: true)]
        #expect(GateReview(items: items, scoring: "judge:quality") == nil)
        #expect(GateReview(items: items, scoring: nil) == nil)
        var single = items[0]
        single.trace = TraceNode(kind: .system, label: "s", children: [])
        #expect(GateReview(items: [single], scoring: "verifier:auto") == nil)
    }
}
