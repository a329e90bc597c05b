import QuorumCore

extension TraceNode {
    /// What the response cache saved in this subtree: the first cost of every call answered from it.
    public var savedCost: USD { calls.compactMap(\.savedCost).sum() }

    /// This trace replayed from the cache: every call free, its cost kept as saved, so a served
    /// hit reports zero cost and its trace still says what the answer once cost.
    public func servedFromCache() -> TraceNode {
        var copy = self
        if var call = copy.call {
            call.savedCost = (call.savedCost ?? .zero) + call.cost
            call.cost = .zero
            copy.call = call
        }
        copy.children = children.map { $0.servedFromCache() }
        return copy
    }
}
