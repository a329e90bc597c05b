import QuorumCore
import QuorumProviders
import Synchronization

/// Stands in for a batched model while a unit's work runs once to learn its requests: each
/// request is noted with its `custom_id` and answered with an empty reply, which every phase
/// rejects before storing anything.
final class BatchRequestCollector: ChatModel {
    private let unit: CoEvalUnit
    private let path: String
    private let collected = Mutex<[BatchLine]>([])

    init(unit: CoEvalUnit, path: String) {
        self.unit = unit
        self.path = path
    }

    var name: String { unit.model }
    var lines: [BatchLine] { collected.withLock { $0 } }

    func complete(_ request: ChatRequest) async throws -> Completion {
        let line = BatchLine(customID: BatchCustomID.make(unit: unit, path: path, request: request), request: request)
        collected.withLock { $0.append(line) }
        return Completion(text: "")
    }
}
