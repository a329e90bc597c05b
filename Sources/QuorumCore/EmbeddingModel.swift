/// A configured model used to turn texts into vectors (a learned router's prompt features).
///
/// Implementations live in `QuorumProviders` (an OpenAI-compatible `/v1/embeddings`, the local
/// runtime's `NAME-embeddings` server); tests use scripted ones.
public protocol EmbeddingModel: Sendable {
    /// The name the configuration gives the model.
    var name: String { get }

    /// One vector per text, in order, with what the call used and cost. Throws `QuorumError`.
    func embed(_ texts: [String]) async throws -> Embeddings
}

/// What one embeddings call returned.
public struct Embeddings: Sendable, Hashable {
    public var vectors: [[Double]]
    public var usage: Usage
    public var cost: USD
    public var latency: Double

    public init(vectors: [[Double]], usage: Usage = .zero, cost: USD = .zero, latency: Double = 0) {
        self.vectors = vectors
        self.usage = usage
        self.cost = cost
        self.latency = latency
    }
}
