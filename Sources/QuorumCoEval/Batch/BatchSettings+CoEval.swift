import Foundation
import QuorumCore
import QuorumProviders

extension BatchSettings {
    /// The batch clients for every model of `setup` that batches any phase, made by `factory`.
    /// A model whose client cannot be made (no key) is left out: its calls run live and fail there.
    public static func clients(for setup: CoEvalSetup, factory: ModelFactory) -> [String: any BatchClient] {
        var clients: [String: any BatchClient] = [:]
        for name in setup.allModels where setup.batchedPhases(of: name).count > 0 {
            guard var config = setup.config.model(named: name) else { continue }
            // A stored run's config has its secrets redacted: the environment supplies the keys then.
            if config.apiKey == QuorumConfig.redactedPlaceholder { config.apiKey = nil }
            config.headers = config.headers?.filter { $0.value != QuorumConfig.redactedPlaceholder }
            if let client = try? factory.makeBatchClient(config) { clients[name] = client }
        }
        return clients
    }
}
