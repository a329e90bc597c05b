import Foundation
import GRDB
import QuorumCore
import QuorumStore

extension SQLiteRunStore: CoEvalRepairStore {
    public func coevalArtifactRows(ofRun id: String) async throws -> [CoEvalArtifactRecord] {
        try await pool.read { db in
            try Row.fetchAll(
                db, sql: "SELECT phase, id, task, model, record FROM coeval_artifact WHERE runID = ? ORDER BY phase, rowid",
                arguments: [id]
            ).map { CoEvalArtifactRecord(phase: $0["phase"], id: $0["id"], task: $0["task"], model: $0["model"], record: $0["record"]) }
        }
    }

    public func setAsideCoEvalArtifact(runID: String, phase: CoEvalPhase, id: String) async throws -> Int {
        try await pool.write { db in
            let taken = Set(try Int.fetchAll(
                db, sql: "SELECT phase FROM coeval_artifact WHERE runID = ? AND id = ? AND phase > ?",
                arguments: [runID, id, CoEvalArtifactRecord.setAsideStep]))
            let target = (1...).lazy.map { phase.rawValue + CoEvalArtifactRecord.setAsideStep * $0 }.first { !taken.contains($0) }!
            try db.execute(
                sql: "UPDATE coeval_artifact SET phase = ? WHERE runID = ? AND phase = ? AND id = ?",
                arguments: [target, runID, phase.rawValue, id])
            return target
        }
    }
}
