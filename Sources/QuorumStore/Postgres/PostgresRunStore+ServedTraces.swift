import Foundation
import NIOCore
import PostgresNIO
import QuorumOrchestration

extension PostgresRunStore: ServedTraceStore {
    /// One statement per batch, the rows passed as four arrays and unnested by the server: one round
    /// trip whatever the batch size (a batch under load may hold thousands of traces, more than the
    /// bindings limit a `PostgresInsert` of one tuple per row would reach). postgres-nio writes on its own event loop and this suspends
    /// meanwhile, so a gateway's event loop is never held by the database.
    public func saveServedTraces(_ traces: [ServedTrace]) async throws {
        // A trace saved twice in one batch keeps its last copy (one statement may not update a row twice).
        var latest: [String: Int] = [:]
        for (index, trace) in traces.enumerated() { latest[trace.id] = index }
        let batch = traces.indices.filter { latest[traces[$0].id] == $0 }.map { traces[$0] }
        guard !batch.isEmpty else { return }
        let encoder = JSONEncoder()
        let bodies = try batch.map { ByteBuffer(bytes: try TraceJSON.data(for: $0.trace) ?? encoder.encode($0.trace)) }
        try await client.query(
            """
            INSERT INTO quorum_served_trace (\(unescaped: ServedTrace.columns)) \
            SELECT * FROM unnest(\(batch.map(\.id))::text[], \(batch.map(\.model))::text[], \(batch.map(\.created))::bigint[], \
            \(bodies)::bytea[]) ON CONFLICT (id) DO UPDATE SET model = EXCLUDED.model, created = EXCLUDED.created, trace = EXCLUDED.trace
            """,
            logger: logger)
    }

    public func servedTrace(id: String) async throws -> ServedTrace? {
        let rows = try await client.query("SELECT model, created, trace FROM quorum_served_trace WHERE id = \(id)", logger: logger)
        for try await (model, created, trace) in rows.decode((String, Int, Data).self) {
            return ServedTrace(id: id, model: model, created: created, trace: try JSONDecoder().decode(TraceNode.self, from: trace))
        }
        return nil
    }
}
