import Foundation
import QuorumCore

/// What `quorum coeval repair` needs beyond `CoEvalStore`: every artifact row with its key, and a
/// way to take a row out of its phase without deleting it. Both stores conform
/// (`SQLiteRunStore+CoEvalRepair.swift`, `PostgresRunStore+CoEvalRepair.swift`).
public protocol CoEvalRepairStore: CoEvalStore {
    /// Every artifact row of the run (set-aside ones included), in stored order.
    func coevalArtifactRows(ofRun id: String) async throws -> [CoEvalArtifactRecord]
    /// Moves the row (run, phase, id) to phase `phase + 100 × n` (n = 1, 2, … the first free): the
    /// loader reads phases 1-5 only, so the row stops counting as done and stays in the table for
    /// anyone to inspect. Returns the phase number it now has.
    func setAsideCoEvalArtifact(runID: String, phase: CoEvalPhase, id: String) async throws -> Int
}

/// One stored artifact row as it is in the table.
public struct CoEvalArtifactRecord: Sendable, Hashable {
    /// The phase number: 1-5, or above 100 for a row `repair` set aside.
    public var phase: Int
    public var id: String
    public var task: String
    /// The teacher, student or judge; empty for merged or YAML-given attributes and rubrics.
    public var model: String
    public var record: Data

    public init(phase: Int, id: String, task: String, model: String, record: Data) {
        self.phase = phase
        self.id = id
        self.task = task
        self.model = model
        self.record = record
    }

    /// Set-aside rows are numbered `phase + 100 × n`.
    static let setAsideStep = 100
}
