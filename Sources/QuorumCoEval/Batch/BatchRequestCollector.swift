import Foundation
import QuorumCore
import QuorumOrchestration
import QuorumProviders
import Synchronization

/// The `custom_id` of one request of one unit: the same request of the same attempt always gets
/// the same id, so a resumed run finds it among the batches it already submitted.
enum BatchCustomID {
    /// `q` and 40 hex digits of SHA-256 over the phase, unit, attempt path and request: within
    /// Anthropic's `[a-zA-Z0-9_-]{1,64}`.
    static func make(unit: CoEvalUnit, path: String, request: ChatRequest) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let body = (try? encoder.encode(request)).map { String(decoding: $0, as: UTF8.self) } ?? "\(request)"
        let text = [unit.phase.journalSystem, unit.id, path, body].joined(separator: "\u{0}")
        return "q" + TextDigest.sha256(text).prefix(40)
    }
}

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

/// Answers a unit's requests from its batch's results, by `custom_id`; a line that failed,
/// expired or is missing throws its reason, which leaves the unit a gap with that reason.
struct BatchReplyModel: ChatModel {
    let unit: CoEvalUnit
    let path: String
    let batch: CoEvalBatch
    let results: [String: BatchLineResult]
    let ending: BatchStatus

    var name: String { unit.model }

    func complete(_ request: ChatRequest) async throws -> Completion {
        let customID = BatchCustomID.make(unit: unit, path: path, request: request)
        switch results[customID] {
        case .completion(let completion)?:
            return completion
        case .failure(let reason)?:
            throw QuorumError(.upstreamUnavailable, "batch \(batch.batchID): \(reason)", context: ["model": unit.model])
        case nil:
            let why = ending.failure.map { ": \($0)" } ?? ""
            throw QuorumError(
                .upstreamUnavailable, "batch \(batch.batchID) ended \(ending.vendorStatus) with no result for this request\(why)",
                context: ["model": unit.model])
        }
    }
}

/// The run's journal for replays only: the collecting pass must not record its empty replies.
struct ReplayOnlyJournal: CallJournal {
    let base: any CallJournal

    func replay(_ key: String) async throws -> CallRecord? { try await base.replay(key) }
    func record(_ call: CallRecord) async throws {}
}
