import Foundation
import GRDB
import QuorumCore

extension SQLiteRunStore: VirtualKeyStore {
    public func createKey(_ key: VirtualKey) async throws {
        let row = try VirtualKeyRow(key)
        do {
            try await pool.write { db in try row.insert(db) }
        } catch let error as DatabaseError where error.resultCode == .SQLITE_CONSTRAINT {
            throw QuorumError(.configuration, "a key named '\(key.name)' exists already (names are never reused, even revoked)")
        }
    }

    public func keys() async throws -> [VirtualKey] {
        let rows = try await pool.read { db in try VirtualKeyRow.fetchAll(db, sql: "SELECT * FROM virtual_key ORDER BY name") }
        return try rows.map { try $0.key() }
    }

    public func key(hash: String) async throws -> VirtualKey? {
        let row = try await pool.read { db in try VirtualKeyRow.fetchOne(db, sql: "SELECT * FROM virtual_key WHERE hash = ?", arguments: [hash]) }
        return try row?.key()
    }

    public func revokeKey(named name: String, at date: Date) async throws -> Bool {
        try await pool.write { db in
            try db.execute(sql: "UPDATE virtual_key SET revokedAt = ? WHERE name = ? AND revokedAt IS NULL", arguments: [date, name])
            return db.changesCount > 0
        }
    }

    /// Both checks in one write transaction (SQLite has one writer at a time); a refusal rolls
    /// the transaction back, so a refused request counts against nothing.
    public func reserve(_ reservation: KeyReservation, for key: VirtualKey) async throws -> KeyAdmission {
        let numbers = ReservationNumbers(reservation, limits: key.limits)
        do {
            try await pool.write { db in
                if numbers.isRateLimited { try Self.countRate(reservation, numbers, limits: key.limits, in: db) }
                try db.execute(
                    sql: """
                        INSERT INTO virtual_key_spend (keyName, budgetWindow, spent, reserved, requests) \
                        SELECT ?1, ?2, 0, ?3, 1 WHERE ?3 <= ?4 \
                        ON CONFLICT (keyName, budgetWindow) DO UPDATE SET reserved = reserved + excluded.reserved, requests = requests + 1 \
                        WHERE spent + reserved + excluded.reserved <= ?4
                        """,
                    arguments: [reservation.key, reservation.window, numbers.cost, numbers.budget])
                if db.changesCount == 0 {
                    throw Refusal(admission: .overBudget(try Self.spending(reservation.key, reservation.window, in: db)))
                }
            }
            return .admitted(reservation)
        } catch let refusal as Refusal {
            return refusal.admission
        }
    }

    private static func countRate(_ reservation: KeyReservation, _ numbers: ReservationNumbers, limits: KeyLimits, in db: Database) throws {
        try db.execute(
            sql: "DELETE FROM virtual_key_rate WHERE keyName = ? AND minute < ?", arguments: [reservation.key, reservation.minute])
        try db.execute(
            sql: """
                INSERT INTO virtual_key_rate (keyName, minute, requests, tokens) SELECT ?1, ?2, 1, ?3 WHERE ?3 <= ?5 \
                ON CONFLICT (keyName, minute) DO UPDATE SET requests = requests + 1, tokens = tokens + excluded.tokens \
                WHERE requests + 1 <= ?4 AND tokens + excluded.tokens <= ?5
                """,
            arguments: [reservation.key, reservation.minute, numbers.tokens, numbers.requestsPerMinute, numbers.tokensPerMinute])
        guard db.changesCount == 0 else { return }
        let used = try Int64.fetchOne(
            db, sql: "SELECT requests FROM virtual_key_rate WHERE keyName = ? AND minute = ?",
            arguments: [reservation.key, reservation.minute]) ?? 0
        throw Refusal(admission: .overRate(numbers.refusal(requestsThisMinute: used, limits: limits)))
    }

    public func settle(_ reservation: KeyReservation, cost: USD, tokens: Int) async throws {
        try await pool.write { db in
            try db.execute(
                sql: "UPDATE virtual_key_spend SET spent = spent + ?, reserved = reserved - ? WHERE keyName = ? AND budgetWindow = ?",
                arguments: [cost.nanodollars, reservation.cost.nanodollars, reservation.key, reservation.window])
            try db.execute(
                sql: "UPDATE virtual_key_rate SET tokens = tokens + ? - ? WHERE keyName = ? AND minute = ?",
                arguments: [tokens, reservation.tokens, reservation.key, reservation.minute])
        }
    }

    public func releaseReservations(ofKey name: String) async throws -> USD {
        try await pool.write { db in
            let held = try Int64.fetchOne(
                db, sql: "SELECT COALESCE(SUM(reserved), 0) FROM virtual_key_spend WHERE keyName = ?", arguments: [name]) ?? 0
            try db.execute(sql: "UPDATE virtual_key_spend SET reserved = 0 WHERE keyName = ?", arguments: [name])
            return USD(nanodollars: held)
        }
    }

    public func spending(ofKey name: String, window: String) async throws -> KeySpending {
        try await pool.read { db in try Self.spending(name, window, in: db) }
    }

    private static func spending(_ name: String, _ window: String, in db: Database) throws -> KeySpending {
        guard let row = try Row.fetchOne(
            db, sql: "SELECT spent, reserved, requests FROM virtual_key_spend WHERE keyName = ? AND budgetWindow = ?",
            arguments: [name, window])
        else { return KeySpending() }
        return KeySpending(
            spent: USD(nanodollars: row["spent"]), reserved: USD(nanodollars: row["reserved"]), requests: row["requests"])
    }
}
