import QuorumCore
import QuorumOrchestration
import QuorumProviders

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
