import Foundation
import QuorumCore
import QuorumStore

/// Where CoEval runs keep their artifacts, rejected attempts and state, beside the run store's runs
/// and call journal: a SQLite file (`SQLiteRunStore+CoEval.swift`) or PostgreSQL
/// (`PostgresRunStore+CoEval.swift`). Records travel as JSON; the typed reads and writes the
/// runner uses are one extension over both.
public protocol CoEvalStore: RunStore {
    /// The run's artifacts in the order they were stored, phase by phase, as (phase, JSON record).
    func coevalArtifactRecords(ofRun id: String) async throws -> [(phase: Int, record: Data)]
    /// Stores (or replaces) one artifact's JSON; a replaced artifact moves to the end of its phase.
    func saveCoEvalArtifactRecord(
        _ record: Data, runID: String, phase: CoEvalPhase, id: String, task: String, model: String) async throws
    /// Every rejected or failed attempt of the run, oldest first.
    func coevalRejections(ofRun id: String) async throws -> [CoEvalRejection]
    func saveCoEvalRejection(_ rejection: CoEvalRejection, runID: String) async throws
    /// The run's JSON `CoEvalRunState`, `nil` when none is stored.
    func coevalStateRecord(ofRun id: String) async throws -> Data?
    func saveCoEvalStateRecord(_ state: Data, ofRun id: String) async throws
    /// Forgets the artifacts and rejections of `phases` (for `New` under `--continue`); their calls stay journaled.
    func deleteCoEvalPhases(_ phases: [CoEvalPhase], ofRun id: String) async throws
    /// Copies the artifacts of `phases` from run `source` into run `target` (`resume_from`); returns how many.
    func copyCoEvalPhases(_ phases: [CoEvalPhase], from source: String, to target: String) async throws -> Int
    /// (model, exact cost) of every call journaled by the run's CoEval phases (systems `coeval/…`).
    func coevalCallCosts(ofRun id: String) async throws -> [(model: String, cost: String)]
    /// The unit ids with journaled calls in `phase`: the units whose journal must be read.
    func coevalUnitsWithCalls(ofRun id: String, phase: CoEvalPhase) async throws -> Set<String>
    /// The run's batches, oldest first (`CoEvalStore+Batches.swift` for the typed reads).
    func coevalBatchRecords(ofRun id: String) async throws -> [Data]
    /// Stores (or updates) one batch's JSON under its vendor id.
    func saveCoEvalBatchRecord(_ record: Data, runID: String, batch: CoEvalBatch) async throws
}

extension CoEvalStore {
    /// Records a new CoEval run: a run row (so `quorum runs` lists it, dataset `coeval`) and its state.
    func createCoEvalRun(_ run: RunRecord) async throws {
        try await createRun(run, items: [])
        try await saveCoEvalState(CoEvalRunState(), ofRun: run.id)
    }

    /// Everything the run has produced so far, phase by phase, in the order it was stored.
    public func coevalArtifacts(ofRun id: String) async throws -> CoEvalArtifacts {
        let decoder = JSONDecoder()
        var artifacts = CoEvalArtifacts(runID: id)
        for row in try await coevalArtifactRecords(ofRun: id) {
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

    /// Stores (or replaces) one artifact.
    func saveCoEvalArtifact<Record: Encodable>(
        _ record: Record, runID: String, phase: CoEvalPhase, id: String, task: String, model: String?
    ) async throws {
        try await saveCoEvalArtifactRecord(
            JSONEncoder().encode(record), runID: runID, phase: phase, id: id, task: task, model: model ?? "")
    }

    /// The run's generations and last stops (empty for a run that has none stored).
    public func coevalState(ofRun id: String) async throws -> CoEvalRunState {
        guard let data = try await coevalStateRecord(ofRun: id) else { return CoEvalRunState() }
        return try JSONDecoder().decode(CoEvalRunState.self, from: data)
    }

    func saveCoEvalState(_ state: CoEvalRunState, ofRun id: String) async throws {
        try await saveCoEvalStateRecord(JSONEncoder().encode(state), ofRun: id)
    }

    /// Calls and money per model journaled by the run's CoEval phases (replays are not stored twice).
    public func coevalSpending(ofRun id: String) async throws -> [String: (calls: Int, cost: USD)] {
        var result: [String: (calls: Int, cost: USD)] = [:]
        for row in try await coevalCallCosts(ofRun: id) {
            let current = result[row.model] ?? (0, .zero)
            result[row.model] = (current.calls + 1, current.cost + (USD(string: row.cost) ?? .zero))
        }
        return result
    }
}
