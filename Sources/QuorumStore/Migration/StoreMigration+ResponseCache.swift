import Foundation
import GRDB
import PostgresNIO

extension StoreMigration {
    /// The cached answers still valid at `now`, so gateways and workers on the PostgreSQL store hit
    /// what the SQLite one paid for. Expired answers stay behind (they would never be served), and an
    /// answer the destination already holds under the same key is kept (it is as new or newer).
    func copyResponseCache(at now: Date, tally: inout Tally, progress: @Sendable (Tally) -> Void) async throws {
        let columns = "key, scope, entry, stored_at, expires_at"
        var after = ""
        while true {
            let cursor = after
            let batch = try await source.pool.read { db in
                try Row.fetchAll(
                    db,
                    sql: "SELECT key, scope, entry, storedAt, expiresAt FROM response_cache WHERE key > ? AND expiresAt > ? ORDER BY key LIMIT ?",
                    arguments: [cursor, now.timeIntervalSince1970, PostgresInsert.batchSize]
                ).map { CachedRow(key: $0["key"], scope: $0["scope"], entry: $0["entry"], stored: $0["storedAt"], expires: $0["expiresAt"]) }
            }
            guard let last = batch.last else { return }
            after = last.key
            let statement = try PostgresInsert.rows(
                batch, into: "quorum_response_cache", columns: columns, then: "ON CONFLICT (key) DO NOTHING RETURNING 1"
            ) { row, binds in
                try binds.append(row.key)
                try binds.append(row.scope)
                try binds.append(ByteBuffer(bytes: row.entry))
                try binds.append(row.stored)
                try binds.append(row.expires)
            }
            let copied = try await RunCopy.count(destination.client.query(statement, logger: destination.logger))
            tally.cachedAnswers += copied
            tally.alreadyThere += batch.count - copied
            progress(tally)
        }
    }

    private struct CachedRow: Sendable {
        var key: String
        var scope: String
        var entry: Data
        var stored: Double
        var expires: Double
    }
}
