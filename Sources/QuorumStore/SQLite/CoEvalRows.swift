import Foundation
import GRDB

/// A `coeval_artifact` row (`CoEvalSchema`): one artifact's JSON record, keyed by run, phase and id.
///
/// The table's one column list: SQLite's columns are the coding keys (`columns`), PostgreSQL's
/// `quorum_coeval_artifact` ones `postgresColumns`, in the same order, the run id first. CoEval's
/// writes and `quorum store migrate`'s copy name no other.
package struct CoEvalArtifactRow: Codable, FetchableRecord, Sendable {
    package static let postgresColumns = "run_id, phase, id, task, model, record, created_at"
    /// SQLite's columns, comma-separated.
    package static var columns: String { CodingKeys.allCases.map(\.rawValue).joined(separator: ", ") }

    var runID: String
    var phase: Int
    var id: String
    var task: String
    var model: String
    var record: Data
    var createdAt: Date

    enum CodingKeys: String, CodingKey, CaseIterable { case runID, phase, id, task, model, record, createdAt }
}

/// A `coeval_rejection` row (`CoEvalSchema`): one rejected or failed attempt at a CoEval unit; its
/// column lists are kept as `CoEvalArtifactRow`'s are.
package struct CoEvalRejectionRow: Codable, FetchableRecord, Sendable {
    package static let postgresColumns = "run_id, phase, unit_id, attempt, model, kind, reason, reply, created_at"
    /// SQLite's columns, comma-separated.
    package static var columns: String { CodingKeys.allCases.map(\.rawValue).joined(separator: ", ") }

    var runID: String
    var phase: Int
    var unitID: String
    var attempt: Int
    var model: String
    var kind: String
    var reason: String
    var reply: String?
    var createdAt: Date

    enum CodingKeys: String, CodingKey, CaseIterable { case runID, phase, unitID, attempt, model, kind, reason, reply, createdAt }
}
