import Foundation
import Synchronization

/// The response cache in memory: for `quorum serve` without a store (answers last until restart),
/// as the front `ResponseCache` keeps before a store (a hit then never waits for the database),
/// and for tests. Same TTL and size bound as the stores.
///
/// A `Mutex`, not an actor: a lookup is a dictionary read on the gateway's hot path. Eviction is
/// first in, first out per scope from a queue of keys, so a save costs O(1) however full the cache
/// is; expired answers are never returned and are dropped when looked up or when their turn comes.
public final class MemoryResponseCacheStore: ResponseCacheStore {
    private struct Row {
        var response: CachedResponse
        var scope: String
        var sequence: Int
    }

    /// One scope's keys in the order they were saved; a key saved again appears twice, and only
    /// the occurrence with its row's sequence counts.
    private struct Queue {
        var keys: [(key: String, sequence: Int)] = []
        var head = 0
        var live = 0
    }

    private struct State {
        var rows: [String: Row] = [:]
        var queues: [String: Queue] = [:]
        var sequence = 0
    }

    private let state = Mutex(State())

    public init() {}

    public func cachedResponse(key: String, at now: Date) async throws -> CachedResponse? {
        state.withLock { state in
            guard let row = state.rows[key] else { return nil }
            guard let expiry = row.response.expiry, expiry > now else {
                state.rows[key] = nil
                state.queues[row.scope]?.live -= 1
                return nil
            }
            return row.response
        }
    }

    public func saveCachedResponse(
        _ response: CachedResponse, key: String, scope: String, at now: Date, expiry: Date, maxEntries: Int
    ) async throws {
        var response = response
        response.expiry = expiry
        state.withLock { state in
            state.sequence += 1
            let replaced = state.rows.updateValue(Row(response: response, scope: scope, sequence: state.sequence), forKey: key)
            if let replaced { state.queues[replaced.scope]?.live -= 1 }
            var queue = state.queues[scope, default: Queue()]
            queue.keys.append((key, state.sequence))
            queue.live += 1
            while queue.live > maxEntries, queue.head < queue.keys.count {
                let oldest = queue.keys[queue.head]
                queue.head += 1
                guard state.rows[oldest.key]?.sequence == oldest.sequence else { continue }  // replaced or dropped since
                state.rows[oldest.key] = nil
                queue.live -= 1
            }
            // Keys already evicted are cut from the queue once they are most of it.
            if queue.head > 64, queue.head * 2 > queue.keys.count {
                queue.keys.removeFirst(queue.head)
                queue.head = 0
            }
            state.queues[scope] = queue
        }
    }

    /// How many answers are kept (expired ones included until they are dropped).
    public var count: Int { state.withLock { $0.rows.count } }
}
