import Foundation
import GRDB
import QuorumCore
import QuorumStore

extension SQLiteRunStore: CoEvalStore {
    public func coevalArtifactRecords(ofRun id: String) async throws -> [(phase: Int, record: Data)] {
        try await pool.read { db in
            try Row.fetchAll(
                db, sql: "SELECT phase, record FROM coeval_artifact WHERE runID = ? ORDER BY phase, rowid", arguments: [id])
                .map { (phase: $0["phase"] as Int, record: $0["record"] as Data) }
        }
    }

    public func saveCoEvalArtifactRecord(
        _ record: Data, runID: String, phase: CoEvalPhase, id: String, task: String, model: String
    ) async throws {
        try await pool.write { db in
            try db.execute(
                sql: "INSERT OR REPLACE INTO coeval_artifact (\(CoEvalArtifactRow.columns)) VALUES (?, ?, ?, ?, ?, ?, ?)",
                arguments: [runID, phase.rawValue, id, task, model, record, Date()])
        }
    }

    public func coevalRejections(ofRun id: String) async throws -> [CoEvalRejection] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM coeval_rejection WHERE runID = ? ORDER BY rowid", arguments: [id]).compactMap { row in
                guard let phase = CoEvalPhase(rawValue: row["phase"]), let kind = CoEvalRejection.Kind(rawValue: row["kind"]) else {
                    return nil
                }
                return CoEvalRejection(
                    phase: phase, unitID: row["unitID"], attempt: row["attempt"], model: row["model"], kind: kind,
                    reason: row["reason"], reply: row["reply"], createdAt: row["createdAt"])
            }
        }
    }

    public func saveCoEvalRejection(_ rejection: CoEvalRejection, runID: String) async throws {
        try await pool.write { db in
            try db.execute(
                sql: "INSERT OR REPLACE INTO coeval_rejection (\(CoEvalRejectionRow.columns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                arguments: [
                    runID, rejection.phase.rawValue, rejection.unitID, rejection.attempt, rejection.model,
                    rejection.kind.rawValue, rejection.reason, rejection.reply, rejection.createdAt,
                ])
        }
    }

    public func coevalStateRecord(ofRun id: String) async throws -> Data? {
        try await pool.read { db in
            try Data.fetchOne(db, sql: "SELECT state FROM coeval_state WHERE runID = ?", arguments: [id])
        }
    }

    public func saveCoEvalStateRecord(_ state: Data, ofRun id: String) async throws {
        try await pool.write { db in
            try db.execute(sql: "INSERT OR REPLACE INTO coeval_state (runID, state) VALUES (?, ?)", arguments: [id, state])
        }
    }

    public func deleteCoEvalPhases(_ phases: [CoEvalPhase], ofRun id: String) async throws {
        let numbers = phases.map(\.rawValue)
        try await pool.write { db in
            for number in numbers {
                try db.execute(sql: "DELETE FROM coeval_artifact WHERE runID = ? AND phase = ?", arguments: [id, number])
                try db.execute(sql: "DELETE FROM coeval_rejection WHERE runID = ? AND phase = ?", arguments: [id, number])
            }
        }
    }

    public func copyCoEvalPhases(_ phases: [CoEvalPhase], from source: String, to target: String) async throws -> Int {
        // Every column but the leading runID, which the copy replaces.
        let rest = CoEvalArtifactRow.columns.split(separator: ",").dropFirst().joined(separator: ",")
        return try await pool.write { db in
            var copied = 0
            for phase in phases {
                try db.execute(
                    sql: """
                        INSERT OR REPLACE INTO coeval_artifact (\(CoEvalArtifactRow.columns))
                        SELECT ?,\(rest) FROM coeval_artifact WHERE runID = ? AND phase = ? ORDER BY rowid
                        """,
                    arguments: [target, source, phase.rawValue])
                copied += db.changesCount
            }
            return copied
        }
    }

    public func coevalCallCosts(ofRun id: String) async throws -> [(model: String, cost: String)] {
        try await pool.read { db in
            try Row.fetchAll(
                db, sql: "SELECT model, cost FROM call WHERE runID = ? AND system LIKE 'coeval/%'", arguments: [id]
            ).map { (model: $0["model"] as String, cost: $0["cost"] as String) }
        }
    }

    public func coevalUnitsWithCalls(ofRun id: String, phase: CoEvalPhase) async throws -> Set<String> {
        try await pool.read { db in
            Set(try String.fetchAll(
                db, sql: "SELECT DISTINCT itemID FROM call WHERE runID = ? AND system = ?", arguments: [id, phase.journalSystem]))
        }
    }
}
