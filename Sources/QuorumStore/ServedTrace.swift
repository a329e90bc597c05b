import QuorumOrchestration

/// One request `quorum serve` answered and what it did: the trace `GET /v1/traces/{id}` returns,
/// kept in the store when one is configured, so it outlives the memory cache and a restart.
public struct ServedTrace: Sendable, Hashable, Codable {
    /// The completion id, also the `x-quorum-trace-id` header.
    public var id: String
    /// The model or system the request named.
    public var model: String
    /// Unix seconds, as in the completion's `created`.
    public var created: Int
    public var trace: TraceNode

    public init(id: String, model: String, created: Int, trace: TraceNode) {
        self.id = id
        self.model = model
        self.created = created
        self.trace = trace
    }
}

extension ServedTrace {
    /// The columns of `served_trace` (SQLite) and `quorum_served_trace` (PostgreSQL), which share
    /// their names: the one list every statement that writes or copies a trace names.
    static let columns = "id, model, created, trace"
}
