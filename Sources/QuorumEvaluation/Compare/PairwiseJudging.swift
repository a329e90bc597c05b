import Foundation
import Logging
import QuorumCore
import QuorumOrchestration
import QuorumStore

/// Judges every system's answers against the baseline's with a pairwise judge, both position
/// orders, storing each game as soon as its call returns.
///
/// Resumable: games already stored are never asked again (the store doubles as the judge's call
/// journal), so an interrupted or budget-stopped comparison continues where it stopped.
public struct PairwiseJudging: Sendable {
    public var store: any PairwiseVerdictStore
    public var judge: PairwiseJudge
    public var models: [String: any ChatModel]
    /// Pairs judged at once.
    public var concurrency: Int
    public var ledger: SpendingLedger
    public var logger: Logger

    /// What one call to `judge(run:items:baseline:)` did.
    public struct Outcome: Sendable, Hashable, Codable {
        /// Pairs (system, item) with both games now stored.
        public var complete: Int
        /// Games asked of the judge in this call.
        public var newGames: Int
        /// Pairs that could not be judged (a failed call); their reasons.
        public var failures: [String]
    }

    public init(
        store: any PairwiseVerdictStore, judge: PairwiseJudge, models: [String: any ChatModel], concurrency: Int = 4,
        ledger: SpendingLedger = SpendingLedger(), logger: Logger = Logger(label: "quorum.compare")
    ) {
        self.store = store
        var judge = judge
        judge.swap = true  // Arena-Hard scoring needs both orders.
        self.judge = judge
        self.models = models
        self.concurrency = max(1, concurrency)
        self.ledger = ledger
        self.logger = logger
    }

    /// One (system, item) pair to judge.
    struct Pair: Sendable {
        var system: ItemRecord
        var baseline: ItemRecord
        var stored: [PairwiseOrder: PairwiseVerdict]
    }

    /// Judges every answered (system, item) of `items` against `baseline`'s answer to the same item.
    public func judgeMissing(runID: String, items: [ItemRecord], baseline: String) async throws -> Outcome {
        let stored = try await store.pairwiseVerdicts(ofRun: runID).filter { $0.judge == judge.name && $0.baseline == baseline }
        let storedByPair = Dictionary(grouping: stored) { "\($0.system)\u{1F}\($0.itemID)" }
        let baselineAnswers = Dictionary(
            items.filter { $0.system == baseline && $0.answer != nil }.map { ($0.itemID, $0) }, uniquingKeysWith: { a, _ in a })
        let pairs = items.compactMap { item -> Pair? in
            guard item.system != baseline, item.answer != nil, let base = baselineAnswers[item.itemID] else { return nil }
            let games = storedByPair["\(item.system)\u{1F}\(item.itemID)"] ?? []
            return Pair(system: item, baseline: base, stored: Dictionary(games.map { ($0.order, $0) }, uniquingKeysWith: { a, _ in a }))
        }
        var outcome = Outcome(complete: 0, newGames: 0, failures: [])
        try await BoundedConcurrency.forEach(pairs, limit: concurrency) { pair in
            await judgePair(pair, runID: runID)
        } collect: { newGames, failure in
            outcome.newGames += newGames
            if let failure { outcome.failures.append(failure) } else { outcome.complete += 1 }
            try Task.checkCancellation()
        }
        return outcome
    }

    /// Judges one pair (only its missing games); returns the number of new games and a failure, if any.
    func judgePair(_ pair: Pair, runID: String) async -> (Int, String?) {
        if pair.stored.count == PairwiseOrder.allCases.count { return (0, nil) }
        let journal = VerdictJournal(
            store: store, judgeName: judge.name, runID: runID, system: pair.system.system, itemID: pair.system.itemID,
            baseline: pair.baseline.system, stored: pair.stored)
        let context = RunContext(models: models, ledger: ledger, journal: journal, logger: logger)
        let question = Question(id: pair.system.itemID, prompt: pair.system.prompt, reference: pair.system.reference)
        let missing = PairwiseOrder.allCases.count - pair.stored.count
        do {
            _ = try await judge.compare(pair.system.answer ?? "", pair.baseline.answer ?? "", for: question, in: context)
            return (missing, nil)
        } catch {
            let reason = "\(pair.system.system) · \(pair.system.itemID): \(error)"
            logger.warning("pairwise judging failed", metadata: ["system": "\(pair.system.system)", "item": "\(pair.system.itemID)"])
            return (0, reason)
        }
    }
}

/// The judge's call journal for one pair: replays stored games and stores new ones as verdicts.
struct VerdictJournal: CallJournal {
    let store: any PairwiseVerdictStore
    let judgeName: String
    let runID: String
    let system: String
    let itemID: String
    let baseline: String
    let stored: [PairwiseOrder: PairwiseVerdict]

    /// `PairwiseJudge.compare(first, second)` keys its games `…ab` (first as A) and `…ba`; the
    /// system's answer is passed first.
    func order(of key: String) -> PairwiseOrder { key.hasSuffix(".ba") ? .baselineFirst : .systemFirst }

    func replay(_ key: String) async throws -> CallRecord? { stored[order(of: key)]?.call }

    func record(_ call: CallRecord) async throws {
        try await store.save(PairwiseVerdict(
            runID: runID, system: system, itemID: itemID, baseline: baseline, judge: judgeName, order: order(of: call.key),
            call: call))
    }
}
