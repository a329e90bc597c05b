import Foundation
import QuorumCore
import QuorumEvaluation
import QuorumOrchestration
import QuorumStore

/// A person's blind A/B desk for two systems of a run: each item both answered, its two answers
/// as "1" and "2" in an order drawn per item (`PositionDraw`), and the person's earlier choice.
/// Which system wrote which answer is never in the page.
struct PairwiseDesk: Encodable, Sendable {
    struct Item: Encodable, Sendable {
        var item: String
        var inputs: [ChatMessage]
        var first: String
        var second: String
        /// `1>>2`, `1>2`, `1=2`, `2>1`, `2>>1`; `nil` until judged.
        var choice: String?
    }

    var run: String
    var judge: String
    /// The two systems, in the order stored (the compared system, then the one it is compared with).
    var system: String
    var baseline: String
    var items: [Item]
    var post: String

    /// The choices from answer 1's side, and the label a judge would give for each with A shown first.
    static let choices: [(choice: String, label: PairwiseJudge.Label)] = [
        ("1>>2", .muchBetterA), ("1>2", .betterA), ("1=2", .tie), ("2>1", .betterB), ("2>>1", .muchBetterB),
    ]

    /// Stored as (system, baseline): the run's baseline when it is one of the two, else the
    /// alphabetical second, so "a against b" and "b against a" are the same games.
    static func pair(_ a: String, _ b: String, baseline: String?) -> (system: String, baseline: String) {
        if b == baseline { return (a, b) }
        if a == baseline { return (b, a) }
        return a < b ? (a, b) : (b, a)
    }

    /// Throws `ViewNotFound` for a run or system that is not there.
    static func load(run runID: String, judge: String, a: String, b: String, from store: any RunStore) async throws -> PairwiseDesk {
        guard let run = try await store.run(runID) else { throw ViewNotFound("no run '\(runID)' in this store") }
        for name in [a, b] where !run.systems.contains(name) {
            throw ViewNotFound("run \(runID) has no system '\(name)' (it has \(run.systems.joined(separator: ", ")))")
        }
        guard a != b else { throw ViewNotFound("pick two different systems to compare") }
        let (system, baseline) = pair(a, b, baseline: run.baseline)
        let items = try await store.items(ofRun: runID).filter { $0.status == .answered && $0.answer != nil }
        let answers = Dictionary(grouping: items, by: \.itemID)
        let stored = try await (store as? any PairwiseVerdictStore)?.pairwiseVerdicts(ofRun: runID) ?? []
        let mine = Dictionary(
            stored.filter { $0.judge == PairwiseVerdict.humanJudgePrefix + judge && $0.system == system && $0.baseline == baseline }
                .map { ($0.itemID, $0) }, uniquingKeysWith: { _, last in last })
        var seen: Set<String> = []
        let cells = items.sorted { $0.position < $1.position }.compactMap { record -> Item? in
            guard seen.insert(record.itemID).inserted, let pair = answers[record.itemID],
                let ours = pair.first(where: { $0.system == system })?.answer, let theirs = pair.first(where: { $0.system == baseline })?.answer
            else { return nil }
            let systemFirst = PositionDraw.systemFirst(run: runID, judge: judge, item: record.itemID, system: system, baseline: baseline)
            let inputs = pair.lazy.compactMap { answer in answer.trace?.calls.first { $0.role == .answer }?.messages }.first
                ?? [.user(record.prompt)]
            // A stored label reads from the side shown first, which is answer 1 on the page.
            let choice = mine[record.itemID]?.label.flatMap { label in choices.first { $0.label == label }?.choice }
            return Item(
                item: record.itemID, inputs: inputs, first: systemFirst ? ours : theirs, second: systemFirst ? theirs : ours, choice: choice)
        }
        return PairwiseDesk(
            run: runID, judge: judge, system: system, baseline: baseline, items: cells,
            post: "/api/runs/\(ViewQuery.segment(runID))/pairwise")
    }
}
