import Foundation
import QuorumCore

extension LocalRuntime {
    /// Starts the servers that the `provider: local` entries of `models` need and returns each such
    /// entry's base URL, keyed by the entry's `name` (pass it to `ModelFactory.makeModel(_:baseURLOverride:)`).
    /// Entries of other providers are ignored; servers already running are reused.
    public func ensureRunning(for models: [ModelConfig]) async throws -> [String: URL] {
        let local = models.filter { $0.provider == "local" }
        let urls = try await ensureRunning(models: local.map(\.model))
        var result: [String: URL] = [:]
        for entry in local { result[entry.name] = urls[entry.model] }
        return result
    }
}

extension ModelConfig {
    /// This entry with the local catalog's notional price filled in when it is a local model without a price.
    public func withNotionalPrice(from catalog: LocalModelCatalog = .standard) -> ModelConfig {
        guard provider == "local", price == nil, let local = catalog.models.first(where: { $0.name == model }) else {
            return self
        }
        var copy = self
        copy.price = local.notionalPrice
        return copy
    }
}
