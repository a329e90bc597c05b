import Foundation
import Synchronization

/// The response cache in memory: for `quorum serve` without a store (answers last until restart),
/// and for tests. Same TTL and size bound as the stores.
///
/// A `Mutex`, not an actor: a lookup is a dictionary read on the gateway's hot path.
public final class MemoryResponseCacheStore: ResponseCacheStore {
    private struct Row {
        var response: CachedResponse
        var scope: String
        var stored: Date
        var expiry: Date
        var sequence: Int
    }

    private struct State {
        var rows: [String: Row] = [:]
        var sequence = 0
    }

    private let state = Mutex(State())

    public init() {}

    public func cachedResponse(key: String, at now: Date) async throws -> CachedResponse? {
        state.withLock { state in
            guard let row = state.rows[key], row.expiry > now else { return nil }
            return row.response
        }
    }

    public func saveCachedResponse(
        _ response: CachedResponse, key: String, scope: String, at now: Date, expiry: Date, maxEntries: Int
    ) async throws {
        state.withLock { state in
            state.sequence += 1
            state.rows[key] = Row(response: response, scope: scope, stored: now, expiry: expiry, sequence: state.sequence)
            state.rows = state.rows.filter { $0.value.expiry > now }
            let ofScope = state.rows.filter { $0.value.scope == scope }
            guard ofScope.count > maxEntries else { return }
            let oldest = ofScope.sorted { ($0.value.stored, $0.value.sequence) < ($1.value.stored, $1.value.sequence) }
            for (key, _) in oldest.prefix(ofScope.count - maxEntries) { state.rows[key] = nil }
        }
    }

    /// How many answers are kept (expired ones included until the next save).
    public var count: Int { state.withLock { $0.rows.count } }
}
