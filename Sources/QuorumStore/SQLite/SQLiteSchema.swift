import GRDB

/// The store's schema as numbered migrations; a database opened by an older Quorum is upgraded in place.
enum SQLiteSchema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("001-runs-items-calls") { db in
            try db.create(table: "run") { table in
                table.primaryKey("id", .text)
                table.column("name", .text).notNull()
                table.column("status", .text).notNull()
                table.column("configSnapshot", .text).notNull()
                table.column("dataset", .text).notNull()
                table.column("systems", .text).notNull()
                table.column("baseline", .text)
                table.column("scoring", .text)
                table.column("createdAt", .datetime).notNull()
                table.column("updatedAt", .datetime).notNull()
                table.column("finishedAt", .datetime)
                table.column("stopReason", .text)
            }
            try db.create(table: "item") { table in
                table.column("runID", .text).notNull().references("run", onDelete: .cascade)
                table.column("system", .text).notNull()
                table.column("itemID", .text).notNull()
                table.column("position", .integer).notNull()
                table.column("status", .text).notNull()
                table.column("prompt", .text).notNull()
                table.column("reference", .text)
                table.column("answer", .text)
                table.column("score", .double)
                table.column("passed", .boolean)
                table.column("level", .integer)
                table.column("answerCost", .text).notNull()
                table.column("judgeCost", .text).notNull()
                table.column("latency", .double)
                table.column("note", .text)
                table.column("reasonKind", .text)
                table.column("trace", .blob)
                table.column("updatedAt", .datetime).notNull()
                table.primaryKey(["runID", "system", "itemID"])
            }
            try db.create(index: "item_by_status", on: "item", columns: ["runID", "status"])
            try db.create(table: "call") { table in
                table.column("runID", .text).notNull().references("run", onDelete: .cascade)
                table.column("system", .text).notNull()
                table.column("itemID", .text).notNull()
                table.column("key", .text).notNull()
                table.column("model", .text).notNull()
                table.column("role", .text).notNull()
                table.column("cost", .text).notNull()
                table.column("record", .blob).notNull()
                table.column("createdAt", .datetime).notNull()
                table.primaryKey(["runID", "system", "itemID", "key"])
            }
        }
        migrator.registerMigration("002-coeval", migrate: CoEvalSchema.create)
        migrator.registerMigration("003-served-traces") { db in
            // What `quorum serve` answered, for `GET /v1/traces/{id}` after the memory cache.
            try db.create(table: "served_trace") { table in
                table.primaryKey("id", .text)
                table.column("model", .text).notNull()
                table.column("created", .integer).notNull()
                table.column("trace", .blob).notNull()
            }
        }
        migrator.registerMigration("101-pairwise-verdicts", migrate: PairwiseVerdictSchema.create)
        migrator.registerMigration("102-judgments", migrate: JudgmentSchema.create)
        migrator.registerMigration("103-response-cache", migrate: ResponseCacheSchema.create)
        migrator.registerMigration("110-virtual-keys", migrate: VirtualKeySchema.create)
        migrator.registerMigration("120-coeval-batches", migrate: CoEvalBatchSchema.create)
        migrator.registerMigration("123-run-batches", migrate: RunBatchSchema.create)
        return migrator
    }
}
