import Foundation
import GRDB
import QuorumCore

/// A refused reservation, thrown out of a store's transaction to roll it back.
struct Refusal: Error {
    var admission: KeyAdmission
}

/// A `virtual_key` row (PostgreSQL's `quorum_virtual_key` has the same columns): the budget in
/// nanodollars, the allowed models as a JSON array.
struct VirtualKeyRow: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "virtual_key"
    var name: String
    var hash: String
    var budget: Int64?
    var period: String
    var rpm: Int?
    var tpm: Int?
    var models: String
    var createdAt: Date
    var revokedAt: Date?

    init(name: String, hash: String, budget: Int64?, period: String, rpm: Int?, tpm: Int?, models: String, createdAt: Date, revokedAt: Date?) {
        self.name = name
        self.hash = hash
        self.budget = budget
        self.period = period
        self.rpm = rpm
        self.tpm = tpm
        self.models = models
        self.createdAt = createdAt
        self.revokedAt = revokedAt
    }

    init(_ key: VirtualKey) throws {
        self.init(
            name: key.name, hash: key.hash, budget: key.limits.budget?.nanodollars, period: key.limits.period.rawValue,
            rpm: key.limits.requestsPerMinute, tpm: key.limits.tokensPerMinute,
            models: String(decoding: try JSONEncoder().encode(key.limits.models), as: UTF8.self),
            createdAt: key.createdAt, revokedAt: key.revokedAt)
    }

    func key() throws -> VirtualKey {
        guard let period = BudgetPeriod(rawValue: period) else {
            throw QuorumError(.store, "key '\(name)' has an unknown budget period '\(period)'")
        }
        let limits = KeyLimits(
            budget: budget.map { USD(nanodollars: $0) }, period: period, requestsPerMinute: rpm, tokensPerMinute: tpm,
            models: try JSONDecoder().decode([String].self, from: Data(models.utf8)))
        return VirtualKey(name: name, hash: hash, limits: limits, createdAt: createdAt, revokedAt: revokedAt)
    }
}
