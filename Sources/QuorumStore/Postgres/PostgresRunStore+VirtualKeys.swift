import Foundation
import PostgresNIO
import QuorumCore

extension PostgresRunStore: VirtualKeyStore {
    public func createKey(_ key: VirtualKey) async throws {
        let row = try VirtualKeyRow(key)
        var inserted = false
        let rows = try await client.query(
            """
            INSERT INTO quorum_virtual_key (name, hash, budget, period, rpm, tpm, models, created_at, revoked_at) \
            VALUES (\(row.name), \(row.hash), \(row.budget), \(row.period), \(row.rpm), \(row.tpm), \(row.models), \
            \(row.createdAt), \(row.revokedAt)) ON CONFLICT DO NOTHING RETURNING 1
            """,
            logger: logger)
        for try await _ in rows { inserted = true }
        guard inserted else {
            throw QuorumError(.configuration, "a key named '\(key.name)' exists already (names are never reused, even revoked)")
        }
    }

    public func keys() async throws -> [VirtualKey] {
        try await keys(where: "")
    }

    public func key(hash: String) async throws -> VirtualKey? {
        try await keys(where: "WHERE hash = \(hash)").first
    }

    private func keys(where condition: PostgresQuery) async throws -> [VirtualKey] {
        var query: PostgresQuery = "SELECT name, hash, budget, period, rpm, tpm, models, created_at, revoked_at FROM quorum_virtual_key "
        query.sql += condition.sql + " ORDER BY name"
        query.binds = condition.binds
        var keys: [VirtualKey] = []
        let rows = try await client.query(query, logger: logger)
        for try await (name, hash, budget, period, rpm, tpm, models, created, revoked) in rows.decode(
            (String, String, Int64?, String, Int32?, Int32?, String, Date, Date?).self)
        {
            let row = VirtualKeyRow(
                name: name, hash: hash, budget: budget, period: period, rpm: rpm.map(Int.init), tpm: tpm.map(Int.init),
                models: models, createdAt: created, revokedAt: revoked)
            keys.append(try row.key())
        }
        return keys
    }

    public func revokeKey(named name: String, at date: Date) async throws -> Bool {
        let rows = try await client.query(
            "UPDATE quorum_virtual_key SET revoked_at = \(date) WHERE name = \(name) AND revoked_at IS NULL RETURNING 1", logger: logger)
        for try await _ in rows { return true }
        return false
    }

    /// Both checks in one transaction. Each is one `INSERT … ON CONFLICT DO UPDATE … WHERE`: the
    /// row is locked and the condition evaluated on its latest version, so concurrent requests
    /// from every replica queue on the row and each sees what the ones before it reserved. A
    /// refusal rolls the transaction back, so a refused request counts against nothing.
    public func reserve(_ reservation: KeyReservation, for key: VirtualKey) async throws -> KeyAdmission {
        let numbers = ReservationNumbers(reservation, limits: key.limits)
        do {
            try await client.withTransaction(logger: logger) { connection in
                if numbers.isRateLimited { try await countRate(reservation, numbers, limits: key.limits, on: connection) }
                let rows = try await connection.query(
                    """
                    INSERT INTO quorum_virtual_key_spend AS s (key_name, budget_window, spent, reserved, requests) \
                    SELECT \(reservation.key), \(reservation.window), 0, \(numbers.cost), 1 WHERE \(numbers.cost) <= \(numbers.budget) \
                    ON CONFLICT (key_name, budget_window) DO UPDATE SET reserved = s.reserved + EXCLUDED.reserved, requests = s.requests + 1 \
                    WHERE s.spent + s.reserved + EXCLUDED.reserved <= \(numbers.budget) RETURNING 1
                    """,
                    logger: logger)
                var admitted = false
                for try await _ in rows { admitted = true }
                guard admitted else {
                    throw Refusal(admission: .overBudget(try await spending(reservation.key, reservation.window, on: connection)))
                }
            }
            return .admitted(reservation)
        } catch let error as PostgresTransactionError {
            guard let refusal = error.closureError as? Refusal, error.rollbackError == nil else { throw error }
            return refusal.admission
        }
    }

    private func countRate(
        _ reservation: KeyReservation, _ numbers: ReservationNumbers, limits: KeyLimits, on connection: PostgresConnection
    ) async throws {
        try await connection.query(
            "DELETE FROM quorum_virtual_key_rate WHERE key_name = \(reservation.key) AND minute < \(reservation.minute)", logger: logger)
        let rows = try await connection.query(
            """
            INSERT INTO quorum_virtual_key_rate AS r (key_name, minute, requests, tokens) \
            SELECT \(reservation.key), \(reservation.minute), 1, \(numbers.tokens) WHERE \(numbers.tokens) <= \(numbers.tokensPerMinute) \
            ON CONFLICT (key_name, minute) DO UPDATE SET requests = r.requests + 1, tokens = r.tokens + EXCLUDED.tokens \
            WHERE r.requests + 1 <= \(numbers.requestsPerMinute) AND r.tokens + EXCLUDED.tokens <= \(numbers.tokensPerMinute) \
            RETURNING 1
            """,
            logger: logger)
        for try await _ in rows { return }
        var used: Int64 = 0
        let current = try await connection.query(
            "SELECT requests FROM quorum_virtual_key_rate WHERE key_name = \(reservation.key) AND minute = \(reservation.minute)",
            logger: logger)
        for try await requests in current.decode(Int64.self) { used = requests }
        throw Refusal(admission: .overRate(numbers.refusal(requestsThisMinute: used, limits: limits)))
    }

    public func settle(_ reservation: KeyReservation, cost: USD, tokens: Int) async throws {
        let reserved = reservation.cost.nanodollars
        let correction = Int64(tokens) - Int64(reservation.tokens)
        try await client.withTransaction(logger: logger) { connection in
            try await connection.query(
                """
                UPDATE quorum_virtual_key_spend SET spent = spent + \(cost.nanodollars), reserved = reserved - \(reserved) \
                WHERE key_name = \(reservation.key) AND budget_window = \(reservation.window)
                """,
                logger: logger)
            try await connection.query(
                """
                UPDATE quorum_virtual_key_rate SET tokens = tokens + \(correction) \
                WHERE key_name = \(reservation.key) AND minute = \(reservation.minute)
                """,
                logger: logger)
        }
    }

    public func releaseReservations(ofKey name: String) async throws -> USD {
        try await client.withTransaction(logger: logger) { connection in
            // Locked first, so a settle running now lands before the read or after the update.
            let rows = try await connection.query(
                "SELECT reserved FROM quorum_virtual_key_spend WHERE key_name = \(name) FOR UPDATE", logger: logger)
            var held: Int64 = 0
            for try await reserved in rows.decode(Int64.self) { held += reserved }
            try await connection.query(
                "UPDATE quorum_virtual_key_spend SET reserved = 0 WHERE key_name = \(name)", logger: logger)
            return USD(nanodollars: held)
        }
    }

    public func spending(ofKey name: String, window: String) async throws -> KeySpending {
        try await client.withConnection { connection in try await spending(name, window, on: connection) }
    }

    private func spending(_ name: String, _ window: String, on connection: PostgresConnection) async throws -> KeySpending {
        let rows = try await connection.query(
            "SELECT spent, reserved, requests FROM quorum_virtual_key_spend WHERE key_name = \(name) AND budget_window = \(window)",
            logger: logger)
        for try await (spent, reserved, requests) in rows.decode((Int64, Int64, Int64).self) {
            return KeySpending(spent: USD(nanodollars: spent), reserved: USD(nanodollars: reserved), requests: Int(requests))
        }
        return KeySpending()
    }
}
