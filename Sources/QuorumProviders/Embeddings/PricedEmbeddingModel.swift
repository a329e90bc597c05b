import QuorumCore

/// An `EmbeddingModel` over an `EmbeddingClient`, charging the configured model's input price for
/// the prompt tokens the server reports (local models: their notional price), so a learned router's
/// feature call is counted in a system's cost like any other call.
public struct PricedEmbeddingModel: EmbeddingModel {
    public var name: String
    public var client: EmbeddingClient
    public var price: Price

    public init(name: String, client: EmbeddingClient, price: Price) {
        self.name = name
        self.client = client
        self.price = price
    }

    public func embed(_ texts: [String]) async throws -> Embeddings {
        let start = ContinuousClock.now
        let (vectors, tokens) = try await client.embedCounting(texts)
        // A server that reports no usage is charged by a rough count (4 characters a token) rather than nothing.
        let counted = tokens > 0 ? tokens : texts.reduce(0) { $0 + max(1, $1.count / 4) }
        let usage = Usage(promptTokens: counted)
        let elapsed = ContinuousClock.now - start
        return Embeddings(
            vectors: vectors, usage: usage, cost: price.cost(of: usage),
            latency: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
    }
}
