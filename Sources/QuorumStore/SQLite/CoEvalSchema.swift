import GRDB

/// The CoEval tables, added to the run store by migration `002-coeval`.
///
/// Artifacts of every phase share one table (phase, id, JSON record) so a phase's output is read
/// and replaced in one statement; calls live in the experiments' `call` table (the same journal).
enum CoEvalSchema {
    static func create(_ db: Database) throws {
        try db.create(table: "coeval_artifact") { table in
            table.column("runID", .text).notNull().references("run", onDelete: .cascade)
            table.column("phase", .integer).notNull()
            table.column("id", .text).notNull()
            table.column("task", .text).notNull()
            /// The teacher, student or judge; empty for merged or YAML-given attributes and rubrics.
            table.column("model", .text).notNull()
            table.column("record", .blob).notNull()
            table.column("createdAt", .datetime).notNull()
            table.primaryKey(["runID", "phase", "id"])
        }
        try db.create(table: "coeval_rejection") { table in
            table.column("runID", .text).notNull().references("run", onDelete: .cascade)
            table.column("phase", .integer).notNull()
            table.column("unitID", .text).notNull()
            table.column("attempt", .integer).notNull()
            table.column("model", .text).notNull()
            table.column("kind", .text).notNull()
            table.column("reason", .text).notNull()
            table.column("reply", .text)
            table.column("createdAt", .datetime).notNull()
            table.primaryKey(["runID", "phase", "unitID", "attempt"])
        }
        try db.create(table: "coeval_state") { table in
            table.column("runID", .text).primaryKey().references("run", onDelete: .cascade)
            /// JSON `CoEvalRunState`: phase generations and the last invocation's stops.
            table.column("state", .blob).notNull()
        }
    }
}
