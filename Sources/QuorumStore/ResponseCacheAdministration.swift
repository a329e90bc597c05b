import Foundation

/// One scope of the response cache (a model or system name) as `quorum cache stats` shows it.
public struct CacheScopeStatistics: Sendable, Hashable, Codable {
    public var scope: String
    /// Answers stored, expired ones included until they are dropped.
    public var entries: Int
    /// Of those, answers past their expiry (dropped by the next save, or by `quorum cache clear --expired`).
    public var expired: Int
    /// Size of the stored answers (their JSON), in bytes.
    public var bytes: Int64
    public var oldest: Date
    public var newest: Date

    public init(scope: String, entries: Int, expired: Int, bytes: Int64, oldest: Date, newest: Date) {
        self.scope = scope
        self.entries = entries
        self.expired = expired
        self.bytes = bytes
        self.oldest = oldest
        self.newest = newest
    }
}

/// What an operator does to a store's response cache from the command line: look, and clear.
/// Separate from `ResponseCacheStore` (the hot path's reads and saves), which an in-memory cache
/// also implements: memory lives in one `quorum serve` process and has nothing to administer.
public protocol ResponseCacheAdministration: Sendable {
    /// Per scope, by name.
    func cacheStatistics(at now: Date) async throws -> [CacheScopeStatistics]
    /// Deletes the answers of `scope` (every scope when `nil`), only those expired at `expiredAt`
    /// when given; returns how many went.
    func clearCachedResponses(scope: String?, expiredAt: Date?) async throws -> Int
}

extension StoreLocation {
    /// Opens the store for `quorum cache`, applying pending migrations.
    public func openResponseCacheAdministration() async throws -> any ResponseCacheAdministration {
        switch kind {
        case .sqlite: try SQLiteRunStore(path: address)
        case .postgres: try await PostgresRunStore.open(address)
        }
    }
}
