import Foundation
import QuorumCore
import QuorumOrchestration
import QuorumProviders

extension CoEvalRunner {
    /// Runs the units of `phase` whose model batches it through the vendor's batch API (one batch
    /// per model, or more past `batching.maxLines`); returns the units left to run live.
    ///
    /// A request already in a stored, unapplied batch is never submitted again: that batch is
    /// polled and its results applied. New batches are stored before they are polled.
    func executeBatches(_ units: [CoEvalUnit], phase: CoEvalPhase, in session: CoEvalSession) async throws -> [CoEvalUnit] {
        let (prepared, live) = try await batchUnits(units, phase: phase, session: session)
        guard !prepared.isEmpty else { return live }
        let jobs = try await batchJobs(prepared, phase: phase, session: session, submitting: true)
        try await pollAndApply(jobs, session: session)
        return live
    }

    /// Splits `units` into the batched ones, each with the requests it would send, and the rest.
    func batchUnits(
        _ units: [CoEvalUnit], phase: CoEvalPhase, session: CoEvalSession
    ) async throws -> (batched: [CoEvalBatchUnit], live: [CoEvalUnit]) {
        let batched = units.filter { setup.isBatched($0.model, in: phase) && batching.clients[$0.model] != nil }
        guard !batched.isEmpty else { return ([], units) }
        let batchedIDs = Set(batched.map(\.id))
        var live = units.filter { !batchedIDs.contains($0.id) }
        let withCalls = try await store.coevalUnitsWithCalls(ofRun: session.runID, phase: phase)
        let attempts = try await attemptCounts(phase, session: session)
        let generation = session.state.generation(of: phase)
        var prepared: [CoEvalBatchUnit] = []
        for unit in batched {
            let attempt = attempts[unit.id] ?? 0
            let item = try await batchUnit(
                unit, attempt: attempt, path: "gen-\(generation)/attempt-\(attempt)", replaying: withCalls.contains(unit.id),
                session: session)
            // Every call already journaled: nothing to batch, the live path replays it for free.
            if item.lines.isEmpty { live.append(unit) } else { prepared.append(item) }
        }
        return (prepared, live)
    }

    /// Runs `unit`'s work once against a collector to learn the requests it would send.
    private func batchUnit(
        _ unit: CoEvalUnit, attempt: Int, path: String, replaying: Bool, session: CoEvalSession
    ) async throws -> CoEvalBatchUnit {
        let collector = BatchRequestCollector(unit: unit, path: path)
        let journal = try await store.journal(
            run: session.runID, system: unit.phase.journalSystem, item: unit.id, replaying: replaying)
        var collecting = models
        collecting[unit.model] = collector
        let context = RunContext(
            models: collecting, ledger: SpendingLedger(), journal: ReplayOnlyJournal(base: journal), logger: logger, path: path)
        // The empty replies make the work throw before it stores anything; only the requests matter.
        _ = try? await unit.work(context)
        return CoEvalBatchUnit(unit: unit, attempt: attempt, replaying: replaying, path: path, lines: collector.lines)
    }

    /// Attaches each unit to the stored pending batch holding its requests, and (when `submitting`)
    /// submits the rest, storing each new batch before anything polls it.
    func batchJobs(
        _ units: [CoEvalBatchUnit], phase: CoEvalPhase, session: CoEvalSession, submitting: Bool
    ) async throws -> [CoEvalBatchJob] {
        let stored = try await store.coevalBatches(ofRun: session.runID).filter { $0.isPending && $0.phase == phase }
        var jobs: [String: CoEvalBatchJob] = [:]
        var fresh: [String: [CoEvalBatchUnit]] = [:]
        for item in units {
            let first = item.lines[0].customID
            if let batch = stored.last(where: { $0.model == item.unit.model && $0.customIDs[first] != nil }) {
                jobs[batch.batchID, default: CoEvalBatchJob(batch: batch, units: [])].units.append(item)
            } else {
                fresh[item.unit.model, default: []].append(item)
            }
        }
        try await retire(stored.filter { jobs[$0.batchID] == nil }, wanted: Set(units.flatMap(\.lines).map(\.customID)), session: session)
        var limits = await limits(holding: jobs.values, session: session)
        for (model, items) in fresh.sorted(by: { $0.key < $1.key }) where submitting {
            guard let client = batching.clients[model] else { continue }
            for chunk in chunks(items) {
                // Like a live call: nothing is submitted after an interrupt, the budget or the model's quota.
                guard await session.mayStart(model) else {
                    for item in chunk { await session.record(.stopped, phase: item.unit.phase) }
                    continue
                }
                var fitting: [CoEvalBatchUnit] = []
                for item in chunk {
                    if let refusal = limits.admit(item.lines.map(\.request), to: model, client: client) {
                        await session.record(.stopped, phase: item.unit.phase)
                        await session.batchHeldBack(model, in: phase, reason: refusal.reason)
                    } else {
                        fitting.append(item)
                    }
                }
                guard !fitting.isEmpty else { continue }
                if let job = await submit(fitting, model: model, phase: phase, session: session) { jobs[job.batch.batchID] = job }
            }
        }
        return jobs.values.sorted { $0.batch.submittedAt < $1.batch.submittedAt }
    }

    /// The session's budget and quotas with what it spent and every line of `jobs` (batches still
    /// out) held at its ceiling cost: what new batches must fit into.
    private func limits(holding jobs: some Collection<CoEvalBatchJob>, session: CoEvalSession) async -> BatchAdmission {
        let ledger = session.ledger
        var limits = BatchAdmission(
            budget: await ledger.budget, quotas: await ledger.quotas, spent: await ledger.spent, calls: await ledger.callsByModel)
        for job in jobs {
            for item in job.units {
                for line in item.lines { limits.hold(line.request, to: item.unit.model, client: batching.clients[item.unit.model]) }
            }
        }
        return limits
    }

    /// Marks applied the pending batches none of whose requests is still `wanted`: a crash after
    /// their results were stored but before the batch was marked, or a phase regenerated since.
    private func retire(_ batches: [CoEvalBatch], wanted: Set<String>, session: CoEvalSession) async throws {
        for var batch in batches where batching.clients[batch.model] != nil {
            guard !batch.customIDs.keys.contains(where: wanted.contains) else { continue }
            batch.status = CoEvalBatch.applied
            try await store.saveCoEvalBatch(batch, runID: session.runID)
        }
    }

    /// Units grouped so no batch has more than `batching.maxLines` lines (a unit is never split).
    private func chunks(_ items: [CoEvalBatchUnit]) -> [[CoEvalBatchUnit]] {
        var result: [[CoEvalBatchUnit]] = [[]]
        var lines = 0
        for item in items {
            if lines + item.lines.count > batching.maxLines, !result[result.count - 1].isEmpty {
                result.append([])
                lines = 0
            }
            result[result.count - 1].append(item)
            lines += item.lines.count
        }
        return result.filter { !$0.isEmpty }
    }

    /// Submits one batch and stores it; a refused submit rejects its units as failed (gaps with the reason).
    private func submit(
        _ items: [CoEvalBatchUnit], model: String, phase: CoEvalPhase, session: CoEvalSession
    ) async -> CoEvalBatchJob? {
        guard let client = batching.clients[model] else { return nil }
        let lines = items.flatMap(\.lines)
        do {
            let id = try await client.submit(lines)
            var owners: [String: String] = [:]
            for item in items { for line in item.lines { owners[line.customID] = item.unit.id } }
            let batch = CoEvalBatch(
                phase: phase, model: model, vendor: client.vendor, batchID: id, customIDs: owners, status: "submitted")
            try await store.saveCoEvalBatch(batch, runID: session.runID)
            batching.progress?("batch \(id) (\(phase), \(model)): submitted \(lines.count) request\(lines.count == 1 ? "" : "s")")
            logger.notice("batch submitted", metadata: ["batch": "\(id)", "model": "\(model)", "lines": "\(lines.count)"])
            return CoEvalBatchJob(batch: batch, units: items)
        } catch {
            logger.warning("batch not submitted", metadata: ["model": "\(model)", "error": "\(error)"])
            for item in items {
                await rejectBatched(item, reason: "batch not submitted: \(error)", session: session)
            }
            return nil
        }
    }

    func rejectBatched(_ item: CoEvalBatchUnit, reason: String, session: CoEvalSession) async {
        let rejection = CoEvalRejection(
            phase: item.unit.phase, unitID: item.unit.id, attempt: item.attempt, model: item.unit.model, kind: .failed,
            reason: reason)
        try? await store.saveCoEvalRejection(rejection, runID: session.runID)
        await session.record(.failed, phase: item.unit.phase)
    }
}
