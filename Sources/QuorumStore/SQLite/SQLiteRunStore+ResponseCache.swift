import Foundation
import GRDB
import QuorumOrchestration

extension SQLiteRunStore: ResponseCacheStore {
    /// A read only: a hit never writes, so hits from many requests never queue for the writer.
    public func cachedResponse(key: String, at now: Date) async throws -> CachedResponse? {
        // Decoded inside the closure into a Sendable value: with a `Row` result, Swift would pick
        // GRDB's synchronous `read`, blocking the caller (an event loop in `quorum serve`).
        try await pool.read { db -> CachedResponse? in
            let sql = "SELECT entry, expiresAt FROM response_cache WHERE key = ? AND expiresAt > ?"
            guard let row = try Row.fetchOne(db, sql: sql, arguments: [key, now.timeIntervalSince1970]) else { return nil }
            var response = try JSONDecoder().decode(CachedResponse.self, from: row["entry"] as Data)
            response.expiry = Date(timeIntervalSince1970: row["expiresAt"])
            return response
        }
    }

    /// Stores the answer and applies the bounds in the same transaction: expired answers go, then
    /// the scope's oldest beyond `maxEntries` (oldest stored, not least used, so a hit stays a read).
    public func saveCachedResponse(
        _ response: CachedResponse, key: String, scope: String, at now: Date, expiry: Date, maxEntries: Int
    ) async throws {
        var response = response
        response.expiry = nil  // the column says it
        let data = try JSONEncoder().encode(response)
        try await pool.write { db in
            try db.execute(
                sql: "INSERT OR REPLACE INTO response_cache (key, scope, entry, storedAt, expiresAt) VALUES (?, ?, ?, ?, ?)",
                arguments: [key, scope, data, now.timeIntervalSince1970, expiry.timeIntervalSince1970])
            try db.execute(sql: "DELETE FROM response_cache WHERE expiresAt <= ?", arguments: [now.timeIntervalSince1970])
            try db.execute(
                sql: """
                    DELETE FROM response_cache WHERE scope = ? AND rowid NOT IN (
                        SELECT rowid FROM response_cache WHERE scope = ? ORDER BY storedAt DESC, rowid DESC LIMIT ?)
                    """,
                arguments: [scope, scope, maxEntries])
        }
    }

    /// How many answers the cache holds, expired ones included until the next save (for tests and `quorum store`).
    public func cachedResponseCount() async throws -> Int {
        try await pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM response_cache") ?? 0 }
    }
}

extension SQLiteRunStore: ResponseCacheAdministration {
    public func cacheStatistics(at now: Date) async throws -> [CacheScopeStatistics] {
        try await pool.read { db -> [CacheScopeStatistics] in
            let sql = """
                SELECT scope, COUNT(*) AS entries, SUM(expiresAt <= ?) AS expired, SUM(LENGTH(entry)) AS bytes,
                MIN(storedAt) AS oldest, MAX(storedAt) AS newest FROM response_cache GROUP BY scope ORDER BY scope
                """
            return try Row.fetchAll(db, sql: sql, arguments: [now.timeIntervalSince1970]).map { row in
                CacheScopeStatistics(
                    scope: row["scope"], entries: row["entries"], expired: row["expired"], bytes: row["bytes"],
                    oldest: Date(timeIntervalSince1970: row["oldest"]), newest: Date(timeIntervalSince1970: row["newest"]))
            }
        }
    }

    public func clearCachedResponses(scope: String?, expiredAt: Date?) async throws -> Int {
        try await pool.write { db in
            var conditions: [String] = []
            var arguments: StatementArguments = []
            if let scope {
                conditions.append("scope = ?")
                arguments += [scope]
            }
            if let expiredAt {
                conditions.append("expiresAt <= ?")
                arguments += [expiredAt.timeIntervalSince1970]
            }
            let filter = conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
            try db.execute(sql: "DELETE FROM response_cache" + filter, arguments: arguments)
            return db.changesCount
        }
    }
}

/// The response cache's table: migration `103-response-cache` of the store's one migrator. Times
/// are seconds since 1970, compared as numbers.
enum ResponseCacheSchema {
    static func create(_ db: Database) throws {
        try db.create(table: "response_cache") { table in
            table.primaryKey("key", .text)
            table.column("scope", .text).notNull()
            table.column("entry", .blob).notNull()
            table.column("storedAt", .double).notNull()
            table.column("expiresAt", .double).notNull()
        }
        try db.create(index: "response_cache_by_scope", on: "response_cache", columns: ["scope", "storedAt"])
        try db.create(index: "response_cache_by_expiry", on: "response_cache", columns: ["expiresAt"])
    }
}
