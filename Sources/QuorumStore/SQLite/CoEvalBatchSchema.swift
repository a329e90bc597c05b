import GRDB

/// CoEval's batch jobs, added by migration `120-coeval-batches`: one row per batch submitted to a
/// vendor, written before it is polled, so a crash or Ctrl-C loses no paid request.
enum CoEvalBatchSchema {
    static func create(_ db: Database) throws {
        try db.create(table: "coeval_batch") { table in
            table.column("runID", .text).notNull().references("run", onDelete: .cascade)
            /// The vendor's batch id (`batch_…`, `msgbatch_…`).
            table.column("batchID", .text).notNull()
            table.column("phase", .integer).notNull()
            table.column("model", .text).notNull()
            table.column("vendor", .text).notNull()
            /// The vendor's last reported status, or `applied` once its lines are in the run.
            table.column("status", .text).notNull()
            table.column("submittedAt", .datetime).notNull()
            /// JSON `CoEvalBatch`: the custom_ids submitted, with their units.
            table.column("record", .blob).notNull()
            table.primaryKey(["runID", "batchID"])
        }
    }
}
