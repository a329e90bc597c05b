import Foundation
import QuorumCore
import QuorumOrchestration
import QuorumStore

/// A call a system is about to make through a batched model, found without paying for anything.
struct DeferredCall: Sendable {
    var pair: PairKey
    var key: String
    var model: String
    var role: CallRecord.Role
    var request: ChatRequest
    var customID: String
}

extension ExperimentRunner {
    /// The batchable calls each of `work`'s pairs would make next, from a dry walk of its system with
    /// its journal (answers already stored are replayed; nothing is admitted, paid or journaled).
    func discoverBatchCalls(_ work: [Work], runID: String, batched: Set<String>) async throws -> [DeferredCall] {
        var calls: [DeferredCall] = []
        for next in work {
            let pair = PairKey(system: next.system.name, item: next.item.id)
            let journal = try await store.journal(run: runID, system: pair.system, item: pair.item, replaying: next.hasStoredCalls)
            let collector = CallCollector(keeping: batched)
            var context = RunContext(models: models, ledger: SpendingLedger(), journal: journal, logger: logger)
            context.interceptor = collector
            _ = try? await answerTurns(next.item, with: next.system, in: context)
            calls += collector.calls.map { call in
                DeferredCall(
                    pair: pair, key: call.key, model: call.model, role: call.role, request: call.request,
                    customID: BatchCallID.make(pair: pair, key: call.key))
            }
        }
        return calls
    }
}
