import QuorumOrchestration

/// The traces of recent requests, kept in memory for `GET /v1/traces/{id}`; oldest evicted first.
actor TraceCache {
    private var traces: [String: StoredTrace] = [:]
    private var order: [String] = []
    private var head = 0
    let capacity: Int

    struct StoredTrace: Encodable, Sendable {
        var id: String
        var model: String
        var created: Int
        var trace: TraceNode
    }

    init(capacity: Int = 1000) {
        self.capacity = max(1, capacity)
    }

    func insert(_ trace: StoredTrace) {
        if order.count < capacity {
            order.append(trace.id)
        } else {
            traces[order[head]] = nil
            order[head] = trace.id
            head = (head + 1) % capacity
        }
        traces[trace.id] = trace
    }

    func trace(id: String) -> StoredTrace? { traces[id] }
}
