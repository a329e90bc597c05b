import Foundation
import Logging
import QuorumCore

extension ResponseCache {
    /// The cache `config` asks for (`cache:` on any model or system) over `store`; `nil` when none does.
    public init?(
        _ config: QuorumConfig, store: any ResponseCacheStore, logger: Logger = Logger(label: "quorum.cache"),
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        var policies: [String: CachePolicy] = [:]
        for model in config.models { policies[model.name] = CachePolicy(model.cache) }
        for system in config.systems { policies[system.name] = CachePolicy(system.cache) }
        guard !policies.isEmpty else { return nil }
        self.init(store: store, identities: Self.identities(of: config), policies: policies, logger: logger, now: now)
    }

    /// A fingerprint and defaults for every model and system of `config`.
    static func identities(of config: QuorumConfig) -> [String: Identity] {
        var identities: [String: Identity] = [:]
        for model in config.models {
            identities[model.name] = Identity(fingerprint: fingerprint(of: model), defaults: model.parameters ?? .init())
        }
        // A system's answer depends on its models, judges and rubrics too: any change to them is a
        // new fingerprint (a few needless misses after an unrelated edit beat a stale answer).
        let shared = ResponseCacheKey.digest(of: SharedParts(
            models: config.models.map(fingerprint(of:)), judges: config.judges, rubrics: config.rubrics))
        for system in config.systems {
            var unkeyed = system
            unkeyed.cache = nil  // a new TTL or size bound does not change the answers
            identities[system.name] = Identity(
                fingerprint: ResponseCacheKey.digest(of: [ResponseCacheKey.digest(of: unkeyed), shared]),
                defaults: system.parameters ?? .init())
        }
        return identities
    }

    /// What makes a model answer differently: the vendor, the endpoint, the model id and its
    /// parameters; never its API key, headers (they may carry credentials), limits or price.
    static func fingerprint(of model: ModelConfig) -> String {
        ResponseCacheKey.digest(of: ModelParts(
            provider: model.provider, model: model.model, baseURL: model.baseURL, deployment: model.deployment,
            apiVersion: model.apiVersion, parameters: model.parameters))
    }

    private struct ModelParts: Encodable {
        var provider: String
        var model: String
        var baseURL: String?
        var deployment: String?
        var apiVersion: String?
        var parameters: GenerationParameters?
    }

    private struct SharedParts: Encodable {
        var models: [String]
        var judges: [JudgeConfig]
        var rubrics: [RubricConfig]
    }
}
