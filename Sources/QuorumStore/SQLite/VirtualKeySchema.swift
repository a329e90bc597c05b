import GRDB

/// Virtual keys of `quorum serve` and their spend: migration `110-virtual-keys` of the store's one migrator.
///
/// Money is whole nanodollars (`USD.nanodollars`) so limits are checked by SQL arithmetic. Spend is
/// one row per key and budget window, requests and tokens one row per key and minute: each
/// request's check-and-reserve is then a conditional upsert of one row.
enum VirtualKeySchema {
    static func create(_ db: Database) throws {
        try db.create(table: "virtual_key") { table in
            table.primaryKey("name", .text)
            table.column("hash", .text).notNull().unique()
            table.column("budget", .integer)
            table.column("period", .text).notNull()
            table.column("rpm", .integer)
            table.column("tpm", .integer)
            table.column("models", .text).notNull()
            table.column("createdAt", .datetime).notNull()
            table.column("revokedAt", .datetime)
        }
        try db.create(table: "virtual_key_spend") { table in
            table.column("keyName", .text).notNull().references("virtual_key", onDelete: .cascade)
            table.column("budgetWindow", .text).notNull()
            table.column("spent", .integer).notNull()
            table.column("reserved", .integer).notNull()
            table.column("requests", .integer).notNull()
            table.primaryKey(["keyName", "budgetWindow"])
        }
        try db.create(table: "virtual_key_rate") { table in
            table.column("keyName", .text).notNull().references("virtual_key", onDelete: .cascade)
            table.column("minute", .integer).notNull()
            table.column("requests", .integer).notNull()
            table.column("tokens", .integer).notNull()
            table.primaryKey(["keyName", "minute"])
        }
    }
}
