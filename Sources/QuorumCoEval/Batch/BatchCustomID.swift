import Foundation
import QuorumCore
import QuorumProviders

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
