import QuorumCore
import Synchronization

/// The one `ModelLimiter` per configured model, shared by every `ChatModel` a factory builds.
///
/// A `final class` holding only a `Mutex`, hence `Sendable`; lookups happen once per model
/// construction, never per call.
final class LimiterRegistry: Sendable {
    private let limiters = Mutex<[String: ModelLimiter]>([:])

    /// The limiter for `config`, created on first use; `nil` when the config sets no limit.
    func limiter(for config: ModelConfig) -> ModelLimiter? {
        guard config.maxConcurrency != nil || config.rpm != nil || config.tpm != nil else { return nil }
        return limiters.withLock { table in
            if let existing = table[config.name] { return existing }
            let limiter = ModelLimiter(maxInFlight: config.maxConcurrency, rpm: config.rpm, tpm: config.tpm)
            table[config.name] = limiter
            return limiter
        }
    }
}
