import Foundation
import Synchronization
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

/// Walks a pair's system up to its first calls that are not journaled yet, and keeps those made
/// through a batched model; every such call is stopped before it is paid for.
///
/// A system whose first unpaid call goes to a live model stops there and yields nothing (it runs
/// live later); one that makes several calls at once (best-of-n, self-consistency, MoA proposers)
/// yields each of them, since each is stopped on its own.
final class DiscoveryInterceptor: CallInterceptor {
    struct Stopped: Error {}

    let pair: PairKey
    let batched: Set<String>
    private let found = Mutex<[DeferredCall]>([])

    init(pair: PairKey, batched: Set<String>) {
        self.pair = pair
        self.batched = batched
    }

    var calls: [DeferredCall] { found.withLock { $0 } }

    func willCall(key: String, model: String, role: CallRecord.Role, request: ChatRequest) async throws {
        if batched.contains(model) {
            let call = DeferredCall(
                pair: pair, key: key, model: model, role: role, request: request, customID: BatchCallID.make(pair: pair, key: key))
            found.withLock { $0.append(call) }
        }
        throw Stopped()
    }
}

extension ExperimentRunner {
    /// The batchable calls each of `work`'s pairs would make next, from a dry walk of its system with
    /// its journal (answers already stored are replayed; nothing is admitted, paid or journaled).
    func discoverBatchCalls(_ work: [Work], runID: String, batched: Set<String>) async throws -> [DeferredCall] {
        var calls: [DeferredCall] = []
        for next in work {
            let pair = PairKey(system: next.system.name, item: next.item.id)
            let journal = try await store.journal(run: runID, system: pair.system, item: pair.item, replaying: next.hasStoredCalls)
            let interceptor = DiscoveryInterceptor(pair: pair, batched: batched)
            var context = RunContext(models: models, ledger: SpendingLedger(), journal: journal, logger: logger)
            context.interceptor = interceptor
            _ = try? await answerTurns(next.item, with: next.system, in: context)
            calls += interceptor.calls
        }
        return calls
    }
}
