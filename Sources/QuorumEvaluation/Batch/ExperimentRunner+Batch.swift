import Foundation
import QuorumCore
import QuorumOrchestration
import QuorumProviders
import QuorumStore

extension ExperimentRunner {
    /// Sends the calls `work`'s systems would make through batched models to their vendors' batch
    /// APIs, and journals the answers, so the live pass that follows replays them at the batch price.
    ///
    /// Batches the run submitted before (a crash, Ctrl-C) are polled first, never submitted again.
    /// Lines are submitted only while the run's budget and quotas hold them (`BatchAdmission`).
    /// Rounds repeat while answers unlock further batchable calls (a cascade whose next level is
    /// batched too, with nothing live in between). Returns the pairs that must not run live now,
    /// with why: a failed or expired line, a batch still running when interrupted, or one that could
    /// not be polled; `--continue` submits or polls them again.
    func prefillBatches(
        _ work: [Work], runID: String, batching: BatchSettings, batches batchStore: any RunBatchStore, stop: StopSignal
    ) async throws -> [PairKey: String] {
        let batched = Set(batching.clients.keys)
        var held: [PairKey: String] = [:]
        // Lines of batches seen in this invocation: never submitted again here, even if they failed.
        var covered = Set<String>()
        var pendingFromBefore = try await batchStore.runBatches(ofRun: runID).filter(\.isPending)
        for batch in pendingFromBefore { covered.formUnion(batch.customIDs) }
        while stop.level == .running {
            let open = work.filter { held[PairKey(system: $0.system.name, item: $0.item.id)] == nil }
            let hasCalls = try await store.pairsWithCalls(ofRun: runID)
            let refreshed = open.map { next in
                var next = next
                next.hasStoredCalls = hasCalls.contains(PairKey(system: next.system.name, item: next.item.id))
                return next
            }
            let calls = try await discoverBatchCalls(refreshed, runID: runID, batched: batched)
            let byID = Dictionary(calls.map { ($0.customID, $0) }, uniquingKeysWith: { first, _ in first })
            var jobs = pendingFromBefore
            let spending = try await store.spending(ofRun: runID)
            var limits = BatchAdmission(budget: budget, quotas: quotas, spent: spending.spent, calls: spending.callsByModel)
            for batch in pendingFromBefore {
                for id in batch.customIDs {
                    if let call = byID[id] { limits.hold(call.request, to: call.model, client: batching.clients[call.model]) }
                }
            }
            pendingFromBefore = []
            let fresh = calls.filter { !covered.contains($0.customID) }
            for (model, lines) in Dictionary(grouping: fresh, by: \.model).sorted(by: { $0.key < $1.key }) {
                guard let client = batching.clients[model] else { continue }
                // Leading lines while they fit; the rest wait with the reason.
                var fit: [DeferredCall] = []
                for call in lines {
                    if let refusal = limits.admit([call.request], to: model, client: client) {
                        for rest in lines.dropFirst(fit.count) { held[rest.pair] = refusal.reason }
                        break
                    }
                    fit.append(call)
                }
                for chunk in stride(from: 0, to: fit.count, by: batching.maxLines).map({ Array(fit[$0..<min($0 + batching.maxLines, fit.count)]) }) {
                    jobs.append(try await submit(chunk, model: model, runID: runID, batching: batching, store: batchStore))
                    covered.formUnion(chunk.map(\.customID))
                }
            }
            guard !jobs.isEmpty else { break }
            held.merge(
                try await pollAndJournal(jobs, calls: byID, runID: runID, batching: batching, store: batchStore, stop: stop),
                uniquingKeysWith: { first, _ in first })
        }
        return held
    }

    /// Submits `lines` as one batch and stores it before anything else can happen to it.
    private func submit(
        _ lines: [DeferredCall], model: String, runID: String, batching: BatchSettings, store: any RunBatchStore
    ) async throws -> RunBatch {
        guard let client = batching.clients[model] else { throw QuorumError(.configuration, "no batch client for model '\(model)'") }
        let id = try await client.submit(lines.map { BatchLine(customID: $0.customID, request: $0.request) })
        let batch = RunBatch(model: model, vendor: client.vendor, batchID: id, customIDs: lines.map(\.customID), status: "submitted")
        try await store.saveRunBatch(batch, runID: runID)
        batching.progress?("batch \(id) (\(model)): submitted \(lines.count) request(s)")
        return batch
    }
}

extension ExperimentRunner {
    /// Stores `work`'s pairs as pending with the batch's reason, so the run says why they wait and
    /// `--continue` takes them up; their calls already journaled stay.
    func hold(_ work: [Work], runID: String, reasons: [PairKey: String]) async throws {
        for next in work {
            var record = ItemRecord(
                runID: runID, system: next.system.name, itemID: next.item.id, position: next.position,
                prompt: next.item.question.prompt, reference: next.item.reference(forTurn: next.item.turnCount - 1))
            record.note = reasons[PairKey(system: next.system.name, item: next.item.id)]
            record.reasonKind = "batch"
            try await store.save(record)
        }
    }
}
