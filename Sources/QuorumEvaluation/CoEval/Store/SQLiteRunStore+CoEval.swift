import Foundation
import GRDB
import QuorumCore
import QuorumStore

extension SQLiteRunStore {
    /// Records a new CoEval run: a row in `run` (so `quorum runs` lists it, dataset `coeval`) and its state.
    func createCoEvalRun(_ run: RunRecord) async throws {
        try await createRun(run, items: [])
        try await saveCoEvalState(CoEvalRunState(), ofRun: run.id)
    }

    /// Everything the run has produced so far, phase by phase, in the order it was stored.
    public func coevalArtifacts(ofRun id: String) async throws -> CoEvalArtifacts {
        let rows = try await pool.read { db in
            try Row.fetchAll(
                db, sql: "SELECT phase, record FROM coeval_artifact WHERE runID = ? ORDER BY phase, rowid", arguments: [id])
                .map { (phase: $0["phase"] as Int, record: $0["record"] as Data) }
        }
        let decoder = JSONDecoder()
        var artifacts = CoEvalArtifacts(runID: id)
        for row in rows {
            switch CoEvalPhase(rawValue: row.phase) {
            case .attributeMapping: artifacts.attributes.append(try decoder.decode(CoEvalAttributeMap.self, from: row.record))
            case .rubricMapping: artifacts.rubrics.append(try decoder.decode(CoEvalRubric.self, from: row.record))
            case .dataGeneration: artifacts.items.append(try decoder.decode(CoEvalItem.self, from: row.record))
            case .responseCollection: artifacts.responses.append(try decoder.decode(CoEvalResponse.self, from: row.record))
            case .evaluation: artifacts.evaluations.append(try decoder.decode(CoEvalEvaluation.self, from: row.record))
            case nil: continue
            }
        }
        return artifacts
    }

    /// Every rejected or failed attempt of the run, oldest first.
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

    /// The run's generations and last stops (empty for a run that has none stored).
    public func coevalState(ofRun id: String) async throws -> CoEvalRunState {
        let data = try await pool.read { db in
            try Data.fetchOne(db, sql: "SELECT state FROM coeval_state WHERE runID = ?", arguments: [id])
        }
        guard let data else { return CoEvalRunState() }
        return try JSONDecoder().decode(CoEvalRunState.self, from: data)
    }

    func saveCoEvalState(_ state: CoEvalRunState, ofRun id: String) async throws {
        let data = try JSONEncoder().encode(state)
        try await pool.write { db in
            try db.execute(sql: "INSERT OR REPLACE INTO coeval_state (runID, state) VALUES (?, ?)", arguments: [id, data])
        }
    }

    /// Stores (or replaces) one artifact.
    func saveCoEvalArtifact<Record: Encodable>(
        _ record: Record, runID: String, phase: CoEvalPhase, id: String, task: String, model: String?
    ) async throws {
        let data = try JSONEncoder().encode(record)
        try await pool.write { db in
            try db.execute(
                sql: """
                    INSERT OR REPLACE INTO coeval_artifact (runID, phase, id, task, model, record, createdAt)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [runID, phase.rawValue, id, task, model ?? "", data, Date()])
        }
    }

    func saveCoEvalRejection(_ rejection: CoEvalRejection, runID: String) async throws {
        try await pool.write { db in
            try db.execute(
                sql: """
                    INSERT OR REPLACE INTO coeval_rejection
                    (runID, phase, unitID, attempt, model, kind, reason, reply, createdAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    runID, rejection.phase.rawValue, rejection.unitID, rejection.attempt, rejection.model,
                    rejection.kind.rawValue, rejection.reason, rejection.reply, rejection.createdAt,
                ])
        }
    }

    /// Forgets the artifacts and rejections of `phases` (for `New` under `--continue`); their calls stay journaled.
    func deleteCoEvalPhases(_ phases: [CoEvalPhase], ofRun id: String) async throws {
        let numbers = phases.map(\.rawValue)
        try await pool.write { db in
            for number in numbers {
                try db.execute(sql: "DELETE FROM coeval_artifact WHERE runID = ? AND phase = ?", arguments: [id, number])
                try db.execute(sql: "DELETE FROM coeval_rejection WHERE runID = ? AND phase = ?", arguments: [id, number])
            }
        }
    }

    /// Copies the artifacts of `phases` from run `source` into run `target` (`resume_from`).
    func copyCoEvalPhases(_ phases: [CoEvalPhase], from source: String, to target: String) async throws -> Int {
        try await pool.write { db in
            var copied = 0
            for phase in phases {
                try db.execute(
                    sql: """
                        INSERT OR REPLACE INTO coeval_artifact (runID, phase, id, task, model, record, createdAt)
                        SELECT ?, phase, id, task, model, record, createdAt FROM coeval_artifact WHERE runID = ? AND phase = ? ORDER BY rowid
                        """,
                    arguments: [target, source, phase.rawValue])
                copied += db.changesCount
            }
            return copied
        }
    }

    /// Calls and money per model journaled by the run's CoEval phases (replays are not stored twice).
    public func coevalSpending(ofRun id: String) async throws -> [String: (calls: Int, cost: USD)] {
        let rows = try await pool.read { db in
            try Row.fetchAll(
                db, sql: "SELECT model, cost FROM call WHERE runID = ? AND system LIKE 'coeval/%'", arguments: [id]
            ).map { (model: $0["model"] as String, cost: $0["cost"] as String) }
        }
        var result: [String: (calls: Int, cost: USD)] = [:]
        for row in rows {
            let current = result[row.model] ?? (0, .zero)
            result[row.model] = (current.calls + 1, current.cost + (USD(string: row.cost) ?? .zero))
        }
        return result
    }

    /// (system, item) pairs with journaled calls, for phase `phase`: the units whose journal must be read.
    func coevalUnitsWithCalls(ofRun id: String, phase: CoEvalPhase) async throws -> Set<String> {
        try await pool.read { db in
            Set(try String.fetchAll(
                db, sql: "SELECT DISTINCT itemID FROM call WHERE runID = ? AND system = ?", arguments: [id, phase.journalSystem]))
        }
    }
}
