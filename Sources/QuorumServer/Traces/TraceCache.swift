import QuorumOrchestration
import QuorumStore
import Synchronization

/// The traces of recent requests, kept in memory for `GET /v1/traces/{id}`; oldest evicted first.
/// With a store configured, every trace is also archived there (`TraceArchive`).
///
/// A lock rather than an actor: every request stores its trace, and a hop to an actor's executor
/// and back cost more than the dictionary update it guards. A `final class` holding only a
/// `Mutex`, hence `Sendable` without `@unchecked`.
final class TraceCache: Sendable {
    private struct State {
        var traces: [String: ServedTrace] = [:]
        var order: [String] = []
        var head = 0
    }

    private let state = Mutex(State())
    let capacity: Int

    /// Where traces also go when a store is configured (written in the background).
    let archive: TraceArchive?

    init(capacity: Int = 1000, archive: TraceArchive? = nil) {
        self.capacity = max(1, capacity)
        self.archive = archive
    }

    func insert(_ trace: ServedTrace) {
        archive?.add(trace)
        state.withLock { state in
            if state.order.count < capacity {
                state.order.append(trace.id)
            } else {
                state.traces[state.order[state.head]] = nil
                state.order[state.head] = trace.id
                state.head = (state.head + 1) % capacity
            }
            state.traces[trace.id] = trace
        }
    }

    func trace(id: String) -> ServedTrace? { state.withLock { $0.traces[id] } }

    /// A recent trace from memory, else from the store (`nil` when neither has it).
    func lookUp(id: String) async throws -> ServedTrace? {
        if let recent = trace(id: id) { return recent }
        return try await archive?.trace(id: id)
    }
}
