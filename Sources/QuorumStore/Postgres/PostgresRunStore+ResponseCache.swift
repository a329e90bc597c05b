import Foundation
import NIOCore
import PostgresNIO
import QuorumOrchestration

extension PostgresRunStore: ResponseCacheStore {
    public func cachedResponse(key: String, at now: Date) async throws -> CachedResponse? {
        let rows = try await client.query(
            "SELECT entry, expires_at FROM quorum_response_cache WHERE key = \(key) AND expires_at > \(now.timeIntervalSince1970)",
            logger: logger)
        for try await (entry, expiry) in rows.decode((Data, Double).self) {
            var response = try JSONDecoder().decode(CachedResponse.self, from: entry)
            response.expiry = Date(timeIntervalSince1970: expiry)
            return response
        }
        return nil
    }

    /// One transaction: the upsert, then the bounds (expired answers, the scope's oldest beyond `maxEntries`).
    public func saveCachedResponse(
        _ response: CachedResponse, key: String, scope: String, at now: Date, expiry: Date, maxEntries: Int
    ) async throws {
        var response = response
        response.expiry = nil  // the column says it
        let entry = ByteBuffer(bytes: try JSONEncoder().encode(response))
        let stored = now.timeIntervalSince1970
        try await client.withTransaction(logger: logger) { connection in
            try await connection.query(
                """
                INSERT INTO quorum_response_cache (key, scope, entry, stored_at, expires_at) \
                VALUES (\(key), \(scope), \(entry), \(stored), \(expiry.timeIntervalSince1970)) \
                ON CONFLICT (key) DO UPDATE SET scope = EXCLUDED.scope, entry = EXCLUDED.entry, \
                stored_at = EXCLUDED.stored_at, expires_at = EXCLUDED.expires_at, seq = nextval(pg_get_serial_sequence('quorum_response_cache', 'seq'))
                """,
                logger: logger)
            try await connection.query("DELETE FROM quorum_response_cache WHERE expires_at <= \(stored)", logger: logger)
            try await connection.query(
                """
                DELETE FROM quorum_response_cache WHERE scope = \(scope) AND key NOT IN (
                    SELECT key FROM quorum_response_cache WHERE scope = \(scope) ORDER BY stored_at DESC, seq DESC LIMIT \(maxEntries))
                """,
                logger: logger)
        }
    }

    /// How many answers the cache holds, expired ones included until the next save.
    public func cachedResponseCount() async throws -> Int {
        let rows = try await client.query("SELECT count(*) FROM quorum_response_cache", logger: logger)
        for try await count in rows.decode(Int.self) { return count }
        return 0
    }
}

extension PostgresRunStore: ResponseCacheAdministration {
    public func cacheStatistics(at now: Date) async throws -> [CacheScopeStatistics] {
        let rows = try await client.query(
            """
            SELECT scope, count(*), count(*) FILTER (WHERE expires_at <= \(now.timeIntervalSince1970)), \
            coalesce(sum(octet_length(entry)), 0)::bigint, min(stored_at), max(stored_at) \
            FROM quorum_response_cache GROUP BY scope ORDER BY scope
            """,
            logger: logger)
        var statistics: [CacheScopeStatistics] = []
        for try await (scope, entries, expired, bytes, oldest, newest) in rows.decode((String, Int, Int, Int64, Double, Double).self) {
            statistics.append(CacheScopeStatistics(
                scope: scope, entries: entries, expired: expired, bytes: bytes,
                oldest: Date(timeIntervalSince1970: oldest), newest: Date(timeIntervalSince1970: newest)))
        }
        return statistics
    }

    public func clearCachedResponses(scope: String?, expiredAt: Date?) async throws -> Int {
        // `expires_at <= +infinity` matches every answer: one statement for all four cases.
        let before = expiredAt?.timeIntervalSince1970 ?? .infinity
        let query: PostgresQuery =
            if let scope {
                "DELETE FROM quorum_response_cache WHERE scope = \(scope) AND expires_at <= \(before) RETURNING 1"
            } else {
                "DELETE FROM quorum_response_cache WHERE expires_at <= \(before) RETURNING 1"
            }
        let rows = try await client.query(query, logger: logger)
        var count = 0
        for try await _ in rows.decode(Int.self) { count += 1 }
        return count
    }
}
