import Foundation

/// Where cached answers live: the SQLite store, a shared PostgreSQL store (gateway replicas and
/// workers share hits), or memory when `quorum serve` has no store.
///
/// Called from event loops in `quorum serve`: methods must suspend, never block.
public protocol ResponseCacheStore: Sendable {
    /// The answer stored under `key` with its `expiry`, unless it expired at or before `now`.
    func cachedResponse(key: String, at now: Date) async throws -> CachedResponse?
    /// Stores `response` under `key` (replacing an older one) until `expiry`; keeps at most the newest
    /// `maxEntries` of `scope`'s answers, and drops expired ones (at once, or lazily in memory).
    func saveCachedResponse(
        _ response: CachedResponse, key: String, scope: String, at now: Date, expiry: Date, maxEntries: Int
    ) async throws
}
