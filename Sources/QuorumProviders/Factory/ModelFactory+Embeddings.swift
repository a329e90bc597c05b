import Foundation
import QuorumCore

extension ModelFactory {
    /// The embedding model for `config`: its OpenAI-compatible `/v1/embeddings` (the provider's preset
    /// root, `base_url`, or `baseURLOverride` such as a local `NAME-embeddings` server, whose model id
    /// `modelOverride` gives), priced at the entry's input price.
    public func makeEmbeddingModel(
        _ config: ModelConfig, baseURLOverride: URL? = nil, modelOverride: String? = nil
    ) throws -> any EmbeddingModel {
        guard !ConfigVocabulary.providersWithoutEmbeddings.contains(config.provider) else {
            throw QuorumError(
                .configuration, "provider \(config.provider) has no embeddings endpoint Quorum can call",
                context: ["model": config.name, "provider": config.provider])
        }
        let presetName = config.provider == "local" ? "llamacpp" : config.provider
        guard let preset = ProviderPreset.all[presetName] else {
            throw QuorumError(
                .configuration, "unknown provider '\(config.provider)'", context: ["model": config.name])
        }
        let base = try baseURL(config, override: baseURLOverride) ?? preset.baseURL
        let client = EmbeddingClient(
            baseURL: base, model: modelOverride ?? config.model, apiKey: apiKey(for: config),
            timeout: .milliseconds(Int64((config.timeout?.seconds ?? 60) * 1000)), client: clients.shared)
        return PricedEmbeddingModel(
            name: config.name, client: client,
            price: config.price ?? priceTable.price(for: config.model, provider: config.provider) ?? .free)
    }
}
