import Foundation
import GRDB
import PostgresNIO

extension StoreMigration {
    /// The gateway's virtual keys and what each spent per budget window, so replicas on the
    /// PostgreSQL store go on where the SQLite gateway stopped. A key or window the destination has
    /// already is left as it is (replicas may have spent since). Reservations are not copied: they
    /// belong to requests of the gateway that served from SQLite, which end there.
    func copyVirtualKeys(tally: inout Tally) async throws {
        let (keys, windows) = try await source.pool.read { db in
            let keys = try VirtualKeyRow.fetchAll(db, sql: "SELECT * FROM virtual_key ORDER BY name")
            let windows = try Row.fetchAll(db, sql: "SELECT keyName, budgetWindow, spent, requests FROM virtual_key_spend").map {
                SpendWindow(key: $0["keyName"], window: $0["budgetWindow"], spent: $0["spent"], requests: $0["requests"])
            }
            return (keys, windows)
        }
        guard !keys.isEmpty else { return }
        let logger = destination.logger
        let copied = try await destination.client.withTransaction(logger: logger) { connection in
            var copied = 0
            for key in keys {
                copied += try await RunCopy.count(connection.query(
                    """
                    INSERT INTO quorum_virtual_key (name, hash, budget, period, rpm, tpm, models, created_at, revoked_at) \
                    VALUES (\(key.name), \(key.hash), \(key.budget), \(key.period), \(key.rpm), \(key.tpm), \(key.models), \
                    \(key.createdAt), \(key.revokedAt)) ON CONFLICT DO NOTHING RETURNING 1
                    """,
                    logger: logger))
            }
            for window in windows {
                copied += try await RunCopy.count(connection.query(
                    """
                    INSERT INTO quorum_virtual_key_spend (key_name, budget_window, spent, reserved, requests) \
                    VALUES (\(window.key), \(window.window), \(window.spent), 0, \(window.requests)) ON CONFLICT DO NOTHING RETURNING 1
                    """,
                    logger: logger))
            }
            return copied
        }
        tally.virtualKeyRows += copied
        tally.alreadyThere += keys.count + windows.count - copied
    }

    private struct SpendWindow: Sendable {
        var key: String
        var window: String
        var spent: Int64
        var requests: Int64
    }
}
