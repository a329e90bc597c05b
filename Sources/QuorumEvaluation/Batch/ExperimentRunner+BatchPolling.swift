import Foundation
import QuorumCore
import QuorumOrchestration
import QuorumProviders
import QuorumStore

extension ExperimentRunner {
    /// Polls `batches` every `pollInterval` until each has ended and journals its answers as it ends.
    /// Returns the pairs to hold back from the live pass, with why.
    func pollAndJournal(
        _ batches: [RunBatch], calls: [String: DeferredCall], runID: String, batching: BatchSettings, store: any RunBatchStore,
        stop: StopSignal
    ) async throws -> [PairKey: String] {
        var held: [PairKey: String] = [:]
        func hold(_ batch: RunBatch, _ reason: String) {
            for id in batch.customIDs { if let call = calls[id] { held[call.pair] = reason } }
        }
        var pending = batches
        let start = ContinuousClock.now
        while !pending.isEmpty {
            var waiting: [RunBatch] = []
            for var batch in pending {
                guard let client = batching.clients[batch.model] else {
                    hold(batch, "batch \(batch.batchID): model '\(batch.model)' is no longer batched; quorum run --continue with batch: true polls it")
                    continue
                }
                let status: BatchStatus
                do {
                    status = try await client.status(of: batch.batchID)
                } catch {
                    hold(batch, "batch \(batch.batchID) could not be polled (\(error)); quorum run --continue polls it again")
                    continue
                }
                batching.progress?(status.progressLine(batch: batch.batchID, what: batch.model, since: start))
                if status.vendorStatus != batch.status {
                    batch.status = status.vendorStatus
                    try await store.saveRunBatch(batch, runID: runID)
                }
                guard status.isEnded else {
                    waiting.append(batch)
                    continue
                }
                do {
                    let results = try await client.results(of: batch.batchID, status: status)
                    held.merge(try await journalAnswers(results, of: batch, calls: calls, runID: runID, status: status)) { first, _ in first }
                    batch.status = RunBatch.applied
                    try await store.saveRunBatch(batch, runID: runID)
                } catch {
                    hold(batch, "batch \(batch.batchID) results could not be read (\(error)); quorum run --continue reads them again")
                }
            }
            pending = waiting
            guard !pending.isEmpty else { break }
            var interrupted = stop.level > .running
            if !interrupted {
                do { try await Task.sleep(for: batching.pollInterval) } catch { interrupted = true }
            }
            if interrupted {
                for batch in pending { hold(batch, "batch \(batch.batchID) still running; quorum run --continue picks it up") }
                break
            }
        }
        return held
    }

    /// Journals each answered line as the call its system will replay, priced at the batch rate;
    /// returns the pairs whose line failed, expired or is missing, with the vendor's reason.
    private func journalAnswers(
        _ results: [String: BatchLineResult], of batch: RunBatch, calls: [String: DeferredCall], runID: String, status: BatchStatus
    ) async throws -> [PairKey: String] {
        var held: [PairKey: String] = [:]
        for id in batch.customIDs {
            // A line whose pair was answered since, or whose request the config no longer makes, is left unused.
            guard let call = calls[id] else { continue }
            switch results[id] {
            case .completion(let completion):
                let record = CallRecord(
                    key: call.key, model: call.model, role: call.role, messages: call.request.messages, response: completion.text,
                    usage: completion.usage, cost: completion.cost, finishReason: completion.finishReason,
                    logprobs: completion.logprobs, batch: batch.batchID)
                try await store.journal(run: runID, system: call.pair.system, item: call.pair.item, replaying: false).record(record)
            case .failure(let reason):
                held[call.pair] = "batch \(batch.batchID) line failed: \(reason); quorum run --continue submits it again"
            case nil:
                let why = status.failure.map { ": \($0)" } ?? ""
                held[call.pair] = "batch \(batch.batchID) \(status.vendorStatus) without this line\(why); quorum run --continue submits it again"
            }
        }
        return held
    }
}
