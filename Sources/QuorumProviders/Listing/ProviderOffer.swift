import Foundation
import QuorumCore

/// One model a provider offers (`quorum models --provider P`): its id from the listing call, with
/// Quorum's price and context window where the built-in table knows them.
public struct ProviderOffer: Sendable, Hashable, Codable {
    public var id: String
    public var price: Price?
    public var contextWindow: Int?

    public init(id: String, price: Price?, contextWindow: Int?) {
        self.id = id
        self.price = price
        self.contextWindow = contextWindow
    }
}

extension ModelFactory {
    /// What `provider` offers to the key in the environment (or `apiKey`), from its listing call,
    /// joined with the price table (the vendor's own rows first, then any row for the id).
    public func offers(
        of provider: String, baseURL: String? = nil, apiKey: String? = nil, apiVersion: String? = nil
    ) async throws(ListingFailure) -> [ProviderOffer] {
        var config = ModelConfig(name: provider, provider: provider, model: "")
        config.baseURL = baseURL
        config.apiKey = apiKey
        config.apiVersion = apiVersion
        guard provider != "local" || baseURL != nil else {
            throw ListingFailure(.notFound, "the local runtime has no listing here: `quorum local models` shows its catalog")
        }
        let listing = try await listModels(config)
        return listing.ids.sorted().map { id in
            ProviderOffer(
                id: id, price: priceTable.price(for: id, vendor: provider) ?? priceTable.price(for: id),
                contextWindow: priceTable.contextWindow(for: id))
        }
    }
}
