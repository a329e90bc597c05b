import Foundation
import NIOCore
import PostgresNIO
import QuorumCore
import QuorumStore

/// CoEval's tables on PostgreSQL (migration `005-coeval`), with SQLite's semantics: `seq` plays
/// SQLite's rowid, and a replaced row takes a new `seq`, as `INSERT OR REPLACE` gives a new rowid.
extension PostgresRunStore: CoEvalStore {
    public func coevalArtifactRecords(ofRun id: String) async throws -> [(phase: Int, record: Data)] {
        let rows = try await client.query(
            "SELECT phase, record FROM quorum_coeval_artifact WHERE run_id = \(id) ORDER BY phase, seq", logger: logger)
        var records: [(phase: Int, record: Data)] = []
        for try await (phase, record) in rows.decode((Int, Data).self) { records.append((phase, record)) }
        return records
    }

    public func saveCoEvalArtifactRecord(
        _ record: Data, runID: String, phase: CoEvalPhase, id: String, task: String, model: String
    ) async throws {
        try await client.query(
            """
            INSERT INTO quorum_coeval_artifact (\(unescaped: CoEvalArtifactRow.postgresColumns)) VALUES \
            (\(runID), \(phase.rawValue), \(id), \(task), \(model), \(ByteBuffer(bytes: record)), \(Date())) \
            ON CONFLICT (run_id, phase, id) DO UPDATE SET task = EXCLUDED.task, model = EXCLUDED.model, \
            record = EXCLUDED.record, created_at = EXCLUDED.created_at, seq = DEFAULT
            """,
            logger: logger)
    }

    public func coevalRejections(ofRun id: String) async throws -> [CoEvalRejection] {
        let rows = try await client.query(
            """
            SELECT phase, unit_id, attempt, model, kind, reason, reply, created_at FROM quorum_coeval_rejection \
            WHERE run_id = \(id) ORDER BY seq
            """,
            logger: logger)
        var rejections: [CoEvalRejection] = []
        for try await (phase, unit, attempt, model, kind, reason, reply, created)
            in rows.decode((Int, String, Int, String, String, String, String?, Date).self)
        {
            guard let phase = CoEvalPhase(rawValue: phase), let kind = CoEvalRejection.Kind(rawValue: kind) else { continue }
            rejections.append(CoEvalRejection(
                phase: phase, unitID: unit, attempt: attempt, model: model, kind: kind, reason: reason, reply: reply, createdAt: created))
        }
        return rejections
    }

    public func saveCoEvalRejection(_ rejection: CoEvalRejection, runID: String) async throws {
        try await client.query(
            """
            INSERT INTO quorum_coeval_rejection (\(unescaped: CoEvalRejectionRow.postgresColumns)) \
            VALUES (\(runID), \(rejection.phase.rawValue), \(rejection.unitID), \(rejection.attempt), \(rejection.model), \
            \(rejection.kind.rawValue), \(rejection.reason), \(rejection.reply), \(rejection.createdAt)) \
            ON CONFLICT (run_id, phase, unit_id, attempt) DO UPDATE SET model = EXCLUDED.model, kind = EXCLUDED.kind, \
            reason = EXCLUDED.reason, reply = EXCLUDED.reply, created_at = EXCLUDED.created_at, seq = DEFAULT
            """,
            logger: logger)
    }

    public func coevalStateRecord(ofRun id: String) async throws -> Data? {
        let rows = try await client.query("SELECT state FROM quorum_coeval_state WHERE run_id = \(id)", logger: logger)
        for try await state in rows.decode(Data.self) { return state }
        return nil
    }

    public func saveCoEvalStateRecord(_ state: Data, ofRun id: String) async throws {
        try await client.query(
            """
            INSERT INTO quorum_coeval_state (run_id, state) VALUES (\(id), \(ByteBuffer(bytes: state))) \
            ON CONFLICT (run_id) DO UPDATE SET state = EXCLUDED.state
            """,
            logger: logger)
    }

    public func deleteCoEvalPhases(_ phases: [CoEvalPhase], ofRun id: String) async throws {
        let numbers = phases.map(\.rawValue)
        try await client.withTransaction(logger: logger) { connection in
            try await connection.query(
                "DELETE FROM quorum_coeval_artifact WHERE run_id = \(id) AND phase = ANY(\(numbers))", logger: logger)
            try await connection.query(
                "DELETE FROM quorum_coeval_rejection WHERE run_id = \(id) AND phase = ANY(\(numbers))", logger: logger)
        }
    }

    public func copyCoEvalPhases(_ phases: [CoEvalPhase], from source: String, to target: String) async throws -> Int {
        // Every column but the leading run_id, which the copy replaces.
        let rest = CoEvalArtifactRow.postgresColumns.split(separator: ",").dropFirst().joined(separator: ",")
        let rows = try await client.query(
            """
            WITH copied AS (INSERT INTO quorum_coeval_artifact (\(unescaped: CoEvalArtifactRow.postgresColumns)) \
            SELECT \(target),\(unescaped: rest) FROM quorum_coeval_artifact \
            WHERE run_id = \(source) AND phase = ANY(\(phases.map(\.rawValue))) ORDER BY phase, seq \
            ON CONFLICT (run_id, phase, id) DO UPDATE SET task = EXCLUDED.task, model = EXCLUDED.model, \
            record = EXCLUDED.record, created_at = EXCLUDED.created_at, seq = DEFAULT RETURNING 1) SELECT count(*) FROM copied
            """,
            logger: logger)
        for try await count in rows.decode(Int.self) { return count }
        return 0
    }

    public func coevalCallCosts(ofRun id: String) async throws -> [(model: String, cost: String)] {
        let rows = try await client.query(
            "SELECT model, cost FROM quorum_call WHERE run_id = \(id) AND system LIKE 'coeval/%'", logger: logger)
        var costs: [(model: String, cost: String)] = []
        for try await (model, cost) in rows.decode((String, String).self) { costs.append((model, cost)) }
        return costs
    }

    public func coevalUnitsWithCalls(ofRun id: String, phase: CoEvalPhase) async throws -> Set<String> {
        let rows = try await client.query(
            "SELECT DISTINCT item_id FROM quorum_call WHERE run_id = \(id) AND system = \(phase.journalSystem)", logger: logger)
        var units: Set<String> = []
        for try await unit in rows.decode(String.self) { units.insert(unit) }
        return units
    }
}
