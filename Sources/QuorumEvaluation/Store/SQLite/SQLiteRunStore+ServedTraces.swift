import Foundation
import GRDB
import QuorumOrchestration

extension SQLiteRunStore {
    /// Saves `traces` in one transaction; a trace saved again replaces the earlier copy.
    public func saveServedTraces(_ traces: [ServedTrace]) async throws {
        guard !traces.isEmpty else { return }
        let encoder = JSONEncoder()
        let rows = try traces.map { ($0, try TraceJSON.data(for: $0.trace) ?? encoder.encode($0.trace)) }
        try await pool.write { db in
            let statement = try db.cachedStatement(
                sql: "INSERT OR REPLACE INTO served_trace (id, model, created, trace) VALUES (?, ?, ?, ?)")
            for (trace, data) in rows {
                try statement.execute(arguments: [trace.id, trace.model, trace.created, data])
            }
        }
    }

    /// The served trace with `id`, if the store has it.
    public func servedTrace(id: String) async throws -> ServedTrace? {
        // The row is read into a Sendable value inside the closure: with a `Row` result, Swift
        // picks GRDB's synchronous `read`, which would block the caller's thread (an event loop).
        try await pool.read { db -> ServedTrace? in
            let sql = "SELECT id, model, created, trace FROM served_trace WHERE id = ?"
            guard let row = try Row.fetchOne(db, sql: sql, arguments: [id]) else { return nil }
            return ServedTrace(
                id: row["id"], model: row["model"], created: row["created"],
                trace: try JSONDecoder().decode(TraceNode.self, from: row["trace"] as Data))
        }
    }
}
