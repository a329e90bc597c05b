import Foundation
import NIOCore
import PostgresNIO
import QuorumOrchestration

extension PostgresRunStore: ServedTraceStore {
    /// One transaction per batch, as in SQLite. postgres-nio writes on its own event loop and this
    /// suspends meanwhile, so a gateway's event loop is never held by the database.
    public func saveServedTraces(_ traces: [ServedTrace]) async throws {
        guard !traces.isEmpty else { return }
        let encoder = JSONEncoder()
        let rows = try traces.map { trace in
            (trace, ByteBuffer(bytes: try TraceJSON.data(for: trace.trace) ?? encoder.encode(trace.trace)))
        }
        try await client.withTransaction(logger: logger) { connection in
            for (trace, data) in rows {
                try await connection.query(
                    """
                    INSERT INTO quorum_served_trace (id, model, created, trace) VALUES (\(trace.id), \(trace.model), \
                    \(trace.created), \(data)) ON CONFLICT (id) DO UPDATE SET model = EXCLUDED.model, \
                    created = EXCLUDED.created, trace = EXCLUDED.trace
                    """,
                    logger: logger)
            }
        }
    }

    public func servedTrace(id: String) async throws -> ServedTrace? {
        let rows = try await client.query("SELECT model, created, trace FROM quorum_served_trace WHERE id = \(id)", logger: logger)
        for try await (model, created, trace) in rows.decode((String, Int, Data).self) {
            return ServedTrace(id: id, model: model, created: created, trace: try JSONDecoder().decode(TraceNode.self, from: trace))
        }
        return nil
    }
}
