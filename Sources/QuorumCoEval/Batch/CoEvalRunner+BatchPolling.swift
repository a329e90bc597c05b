import Foundation
import QuorumCore
import QuorumProviders

extension CoEvalRunner {
    /// Polls `jobs` every `batching.pollInterval` until each has ended, applying each as it ends.
    /// An interrupt, or a poll that fails, leaves the rest pending in the store (their units
    /// left undone): `--continue` or `status --fetch-batches` picks them up.
    func pollAndApply(_ jobs: [CoEvalBatchJob], session: CoEvalSession, once: Bool = false) async throws {
        var pending = jobs
        let start = ContinuousClock.now
        while !pending.isEmpty {
            var waiting: [CoEvalBatchJob] = []
            for var job in pending {
                do {
                    job.status = try await poll(job, session: session, since: start)
                } catch {
                    await leave(job, reason: "batch \(job.batch.batchID) could not be polled: \(error)", session: session)
                    continue
                }
                if job.isEnded { try await apply(job, session: session) } else { waiting.append(job) }
            }
            pending = waiting
            guard !pending.isEmpty else { return }
            if once || session.stop.level > .running {
                for job in pending { await leave(job, reason: nil, session: session) }
                return
            }
            do {
                try await Task.sleep(for: batching.pollInterval)
            } catch {
                for job in pending { await leave(job, reason: nil, session: session) }
                return
            }
        }
    }

    /// Asks the vendor where `job` stands, stores a changed status and reports it.
    private func poll(_ job: CoEvalBatchJob, session: CoEvalSession, since start: ContinuousClock.Instant) async throws -> BatchStatus {
        guard let client = batching.clients[job.batch.model] else {
            throw QuorumError(.configuration, "no batch client for model '\(job.batch.model)'")
        }
        let status = try await client.status(of: job.batch.batchID)
        if status.vendorStatus != job.batch.status {
            var batch = job.batch
            batch.status = status.vendorStatus
            try await store.saveCoEvalBatch(batch, runID: session.runID)
        }
        batching.progress?(status.progressLine(batch: job.batch.batchID, what: "\(job.batch.phase), \(job.batch.model)", since: start))
        return status
    }

    /// Reads an ended batch's lines and runs each unit's work against them, as a live call would
    /// have (same journal, same reply parsing, the batch price); marks the batch applied unless
    /// something stopped a unit (budget, interrupt), which leaves it for the next invocation.
    func apply(_ job: CoEvalBatchJob, session: CoEvalSession) async throws {
        guard let client = batching.clients[job.batch.model], let status = job.status else { return }
        let results: [String: BatchLineResult]
        do {
            results = try await client.results(of: job.batch.batchID, status: status)
        } catch {
            await leave(job, reason: "batch \(job.batch.batchID) results could not be read: \(error)", session: session)
            return
        }
        var complete = true
        for item in job.units {
            guard await session.mayStart(item.unit.model) else {
                await session.record(.stopped, phase: item.unit.phase)
                complete = false
                continue
            }
            var applying = self
            applying.models[item.unit.model] = BatchReplyModel(
                unit: item.unit, path: item.path, batch: job.batch, results: results, ending: status)
            let outcome = await applying.perform(
                item.unit, attempt: item.attempt, generation: session.state.generation(of: item.unit.phase),
                replaying: item.replaying, session: session)
            await session.record(outcome, phase: item.unit.phase)
            if outcome == .stopped { complete = false }
        }
        guard complete else { return }
        var batch = job.batch
        batch.status = CoEvalBatch.applied
        try await store.saveCoEvalBatch(batch, runID: session.runID)
    }

    /// Leaves `job` pending in the store; its units are left undone in this invocation.
    private func leave(_ job: CoEvalBatchJob, reason: String?, session: CoEvalSession) async {
        if let reason {
            logger.warning("batch left pending", metadata: ["batch": "\(job.batch.batchID)", "reason": "\(reason)"])
            await session.batchLeftPending(job.batch, reason: reason)
        }
        for item in job.units { await session.record(.stopped, phase: item.unit.phase) }
    }
}
