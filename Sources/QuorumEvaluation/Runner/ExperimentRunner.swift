import Foundation
import Logging
import QuorumCore
import QuorumOrchestration
import QuorumProviders
import QuorumStore

/// What a call to `ExperimentRunner.run` ended with.
public struct RunOutcome: Sendable, Hashable, Codable {
    public var runID: String
    public var status: RunStatus
    /// Why items were left pending (budget, quota, interrupt), when some were.
    public var stopReason: String?
    public var answered: Int
    public var failed: Int
    public var pending: Int
}

/// Answers every (system, item) pair of a run that is not answered yet, scores it and stores it
/// as soon as it finishes.
///
/// Concurrency is bounded by feeding a task group from an iterator. Budgets and quotas never crash
/// a run: an item that meets an exhausted limit is stored as pending with the reason, and calls
/// already made are journaled, so `--continue` replays them and fills in the rest.
public struct ExperimentRunner: Sendable {
    public var store: any RunStore
    /// Models by configured name, for `RunContext`.
    public var models: [String: any ChatModel]
    public var scorer: (any Scorer)?
    /// Items answered at once across the run.
    public var concurrency: Int
    public var budget: USD?
    public var quotas: [String: Int]
    /// Answers identical model calls from the store (`cache:` of models and systems), so running an
    /// experiment again pays nothing for calls it made before; `nil` for none.
    public var cache: ResponseCache?
    /// Models whose calls go through their vendor's batch API first (`batch: true`); empty for none.
    public var batching: BatchSettings
    public var logger: Logger

    public init(
        store: any RunStore, models: [String: any ChatModel], scorer: (any Scorer)? = nil, concurrency: Int = 8,
        budget: USD? = nil, quotas: [String: Int] = [:], cache: ResponseCache? = nil, batching: BatchSettings = BatchSettings(),
        logger: Logger = Logger(label: "quorum.run")
    ) {
        self.cache = cache
        self.batching = batching
        self.store = store
        self.models = models
        self.scorer = scorer
        self.concurrency = max(1, concurrency)
        self.budget = budget
        self.quotas = quotas
        self.logger = logger
    }

    /// One pair to answer.
    struct Work: Sendable {
        var position: Int
        var item: DatasetItem
        var system: any AnswerSystem
        /// Whether calls of this pair are already stored (only then is the journal read).
        var hasStoredCalls: Bool
    }

    /// Runs the missing pairs of `runID` (created with `RunLauncher` or `RunStore.createRun`).
    /// `progress`, when given, must have been built from the same run's items.
    public func run(
        _ runID: String, items: [DatasetItem], systems: [any AnswerSystem], stop: StopSignal = StopSignal(),
        progress: ProgressTracker? = nil
    ) async throws -> RunOutcome {
        let stored = try await store.items(ofRun: runID)
        var work = try await unanswered(runID, items: items, systems: systems, stored: stored)
        if batching.isEnabled, let batches = store as? any RunBatchStore {
            let held = try await prefillBatches(work, runID: runID, batching: batching, batches: batches, stop: stop)
            try await hold(work.filter { held[PairKey(system: $0.system.name, item: $0.item.id)] != nil }, runID: runID, reasons: held)
            // Answers the batches journaled are replayed by the live pass, which must know they are there.
            work = try await unanswered(runID, items: items, systems: systems, stored: stored)
                .filter { held[PairKey(system: $0.system.name, item: $0.item.id)] == nil }
        }
        let ledger = SpendingLedger(budget: budget, quotas: quotas)
        let spending = try await store.spending(ofRun: runID)
        await ledger.restore(spent: spending.spent, callsByModel: spending.callsByModel)
        let tracker = progress ?? ProgressTracker(systems: systems.map(\.name), items: stored, toDo: work.count)
        logger.info("run starting", metadata: ["run": "\(runID)", "pairs": "\(work.count)"])

        var remaining = work.makeIterator()
        var stopReason = try await answerAll(
            next: { remaining.next() }, runID: runID, ledger: ledger, stop: stop, tracker: tracker)
        if stop.level > .running, stopReason == nil { stopReason = "interrupted" }
        let final = try await store.items(ofRun: runID)
        let pending = final.filter { $0.status == .pending }
        if stopReason == nil, let first = pending.first { stopReason = first.note ?? "items left pending" }
        let status: RunStatus = pending.isEmpty ? .completed : .stopped
        try await store.updateRun(runID, status: status, stopReason: pending.isEmpty ? nil : stopReason)
        return RunOutcome(
            runID: runID, status: status, stopReason: pending.isEmpty ? nil : stopReason,
            answered: final.count { $0.status == .answered }, failed: final.count { $0.status == .failed },
            pending: pending.count)
    }

    /// The pairs of `items` × `systems` not answered yet, each knowing whether it has stored calls.
    func unanswered(_ runID: String, items: [DatasetItem], systems: [any AnswerSystem], stored: [ItemRecord]) async throws -> [Work] {
        let answered = Set(stored.filter { $0.status == .answered }.map { PairKey(system: $0.system, item: $0.itemID) })
        let withCalls = try await store.pairsWithCalls(ofRun: runID)
        var work: [Work] = []
        for (position, item) in items.enumerated() {
            for system in systems {
                let pair = PairKey(system: system.name, item: item.id)
                guard !answered.contains(pair) else { continue }
                work.append(Work(position: position, item: item, system: system, hasStoredCalls: withCalls.contains(pair)))
            }
        }
        return work
    }

    /// Answers the work `next` hands out, at most `concurrency` at a time, saving each item as it
    /// finishes; returns the first stop reason seen. A first Ctrl-C starts nothing more, a second
    /// abandons what is in flight.
    func answerAll(
        next: () async throws -> Work?, runID: String, ledger: SpendingLedger, stop: StopSignal, tracker: ProgressTracker,
        onSaved: (ItemRecord) -> Void = { _ in }
    ) async throws -> String? {
        var stopReason: String?
        try await BoundedConcurrency.forEach(
            next: next, limit: concurrency, admit: { _ in stop.level == .running },
            abandon: { stop.level == .abandoning },
            onAbandon: { logger.warning("abandoning items in flight", metadata: ["run": "\(runID)"]) },
            // Saved where answered, not in the collecting loop: a PostgreSQL save is a few round
            // trips, and saving one at a time would cap the run at one save's latency.
            // An abandoned (cancelled) task's item is saved by the collecting loop, which is not cancelled.
            { next in
                let item = await self.answer(next, runID: runID, ledger: ledger)
                guard !Task.isCancelled else { return (item, saved: false) }
                try await self.store.save(item)
                return (item, saved: true)
            }
        ) { item, saved in
            if !saved { try await store.save(item) }
            tracker.record(item)
            onSaved(item)
            if item.status == .pending, stopReason == nil { stopReason = item.note }
        }
        return stopReason
    }
}
