import Foundation
import NIOCore
import PostgresNIO
import QuorumCore
import QuorumOrchestration

extension PostgresRunStore: PairwiseVerdictStore {
    public func pairwiseVerdicts(ofRun id: String) async throws -> [PairwiseVerdict] {
        let rows = try await client.query(
            """
            SELECT system, item_id, baseline, judge, ordering, call, created_at FROM quorum_pairwise_verdict \
            WHERE run_id = \(id) ORDER BY seq
            """,
            logger: logger)
        let decoder = JSONDecoder()
        var verdicts: [PairwiseVerdict] = []
        for try await (system, item, baseline, judge, ordering, call, created) in rows.decode((String, String, String, String, String, Data, Date).self) {
            verdicts.append(PairwiseVerdict(
                runID: id, system: system, itemID: item, baseline: baseline, judge: judge,
                order: PairwiseOrder(rawValue: ordering) ?? .systemFirst, call: try decoder.decode(CallRecord.self, from: call),
                createdAt: created))
        }
        return verdicts
    }

    public func save(_ verdict: PairwiseVerdict) async throws {
        let row = try PairwiseVerdictRow(verdict, encoder: JSONEncoder())
        try await client.query(
            PairwiseVerdictRow.postgresInsert(
                [row], onConflict: "DO UPDATE SET label = EXCLUDED.label, cost = EXCLUDED.cost, call = EXCLUDED.call, created_at = EXCLUDED.created_at"),
            logger: logger)
    }
}

extension PairwiseVerdictRow {
    static let postgresColumns = "run_id, system, item_id, baseline, judge, ordering, label, cost, call, created_at"

    /// One INSERT of `rows` into `quorum_pairwise_verdict`; `action` says what a verdict of the same key gets.
    static func postgresInsert(_ rows: some Collection<PairwiseVerdictRow>, onConflict action: String) throws -> PostgresQuery {
        try PostgresInsert.rows(
            rows, into: "quorum_pairwise_verdict", columns: postgresColumns,
            then: "ON CONFLICT (run_id, system, item_id, baseline, judge, ordering) \(action)"
        ) { row, binds in
            for text in [row.runID, row.system, row.itemID, row.baseline, row.judge, row.ordering] { try binds.append(text) }
            try binds.append(row.label)
            try binds.append(row.cost)
            try binds.append(ByteBuffer(bytes: row.call))
            try binds.append(row.createdAt)
        }
    }
}
