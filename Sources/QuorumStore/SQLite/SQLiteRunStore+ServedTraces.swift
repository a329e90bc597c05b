import Foundation
import GRDB
import QuorumOrchestration

extension SQLiteRunStore: ServedTraceStore {
    public var location: String { "sqlite:\(path)" }

    /// Saves `traces` in one transaction; a trace saved again replaces the earlier copy. The traces
    /// are encoded inside the write, on GRDB's writer thread: in `quorum serve` the caller is an
    /// event loop, and a batch of a few hundred traces encoded there held requests back.
    public func saveServedTraces(_ traces: [ServedTrace]) async throws {
        guard !traces.isEmpty else { return }
        try await pool.write { db in
            let encoder = JSONEncoder()
            let statement = try db.cachedStatement(
                sql: "INSERT OR REPLACE INTO served_trace (\(ServedTrace.columns)) VALUES (?, ?, ?, ?)")
            for trace in traces {
                let data = try TraceJSON.data(for: trace.trace) ?? encoder.encode(trace.trace)
                try statement.execute(arguments: [trace.id, trace.model, trace.created, data])
            }
        }
    }

    /// The served trace with `id`, if the store has it.
    public func servedTrace(id: String) async throws -> ServedTrace? {
        // The row is read into a Sendable value inside the closure: with a `Row` result, Swift
        // picks GRDB's synchronous `read`, which would block the caller's thread (an event loop).
        try await pool.read { db -> ServedTrace? in
            let sql = "SELECT \(ServedTrace.columns) FROM served_trace WHERE id = ?"
            guard let row = try Row.fetchOne(db, sql: sql, arguments: [id]) else { return nil }
            return ServedTrace(
                id: row["id"], model: row["model"], created: row["created"],
                trace: try JSONDecoder().decode(TraceNode.self, from: row["trace"] as Data))
        }
    }
}
