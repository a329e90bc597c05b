import Foundation
import PostgresNIO
import QuorumCore
import QuorumStore

extension PostgresRunStore: CoEvalRepairStore {
    public func coevalArtifactRows(ofRun id: String) async throws -> [CoEvalArtifactRecord] {
        let rows = try await client.query(
            "SELECT phase, id, task, model, record FROM quorum_coeval_artifact WHERE run_id = \(id) ORDER BY phase, seq",
            logger: logger)
        var records: [CoEvalArtifactRecord] = []
        for try await (phase, key, task, model, record) in rows.decode((Int, String, String, String, Data).self) {
            records.append(CoEvalArtifactRecord(phase: phase, id: key, task: task, model: model, record: record))
        }
        return records
    }

    public func setAsideCoEvalArtifact(runID: String, phase: CoEvalPhase, id: String) async throws -> Int {
        let step = CoEvalArtifactRecord.setAsideStep
        return try await client.withTransaction(logger: logger) { connection in
            var taken: Set<Int> = []
            let rows = try await connection.query(
                "SELECT phase FROM quorum_coeval_artifact WHERE run_id = \(runID) AND id = \(id) AND phase > \(step)",
                logger: logger)
            for try await number in rows.decode(Int.self) { taken.insert(number) }
            let target = (1...).lazy.map { phase.rawValue + step * $0 }.first { !taken.contains($0) }!
            try await connection.query(
                "UPDATE quorum_coeval_artifact SET phase = \(target) WHERE run_id = \(runID) AND phase = \(phase.rawValue) AND id = \(id)",
                logger: logger)
            return target
        }
    }
}
