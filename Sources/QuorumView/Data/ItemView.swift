import QuorumCore
import QuorumEvaluation
import QuorumStore

/// One item of a run as the item page shows it: every system's record with its trace, and every
/// judgment of it (people's and LLM judges' rubric scores, pairwise games).
struct ItemView: Sendable {
    var run: RunRecord
    var itemID: String
    /// In the run's system order.
    var records: [ItemRecord]
    var judgments: [Judgment]
    var verdicts: [PairwiseVerdict]
    var previous: String?
    var next: String?

    /// `nil` when the store has no such run or the run no such item.
    static func load(run id: String, item itemID: String, from store: any RunStore) async throws -> ItemView? {
        guard let run = try await store.run(id) else { return nil }
        let items = try await store.items(ofRun: id)
        let records = run.systems.compactMap { system in items.first { $0.system == system && $0.itemID == itemID } }
        guard !records.isEmpty else { return nil }
        var seen: Set<String> = []
        let order = items.sorted { $0.position < $1.position }.map(\.itemID).filter { seen.insert($0).inserted }
        let position = order.firstIndex(of: itemID)
        let stored = (try? await store.judgmentStore().judgments(ofRun: id)) ?? []
        let verdicts = try await (store as? any PairwiseVerdictStore)?.pairwiseVerdicts(ofRun: id) ?? []
        return ItemView(
            run: run, itemID: itemID, records: records,
            judgments: (stored + Judgment.rubricVerdicts(of: records)).filter { $0.itemID == itemID },
            verdicts: verdicts.filter { $0.itemID == itemID },
            previous: position.flatMap { $0 > 0 ? order[$0 - 1] : nil },
            next: position.flatMap { $0 + 1 < order.count ? order[$0 + 1] : nil })
    }

    /// What the systems were asked: the first answering call's messages, else the item's prompt.
    var question: [ChatMessage] {
        for record in records {
            if let call = record.trace?.calls.first(where: { $0.role == .answer }) { return call.messages }
        }
        return [.user(records[0].prompt)]
    }

    var reference: String? { records.lazy.compactMap(\.reference).first }
}
