import Foundation
import QuorumCore
import QuorumStore

/// A CoEval run's artifacts and their analysis, read back from the store: what `quorum coeval
/// status`, `export` and `report` show.
public struct CoEvalResults: Sendable {
    public var run: RunRecord
    public var artifacts: CoEvalArtifacts
    public var analysis: CoEvalAnalysis
    /// The config the run was started with, as stored (keys redacted).
    public var setup: CoEvalSetup

    /// Loads run `id`; throws a `.store` error naming the run when it is missing or not a CoEval run.
    public static func load(runID id: String, from store: any CoEvalStore) async throws -> CoEvalResults {
        guard let run = try await store.run(id), run.dataset == CoEvalSetup.datasetMarker else {
            throw QuorumError(.store, "no CoEval run '\(id)' in this store; `quorum runs` lists them (dataset coeval)")
        }
        let config = try JSONDecoder().decode(QuorumConfig.self, from: Data(run.configSnapshot.utf8))
        let setup = try CoEvalSetup(config: config)
        let artifacts = try await store.coevalArtifacts(ofRun: id)
        // The configured roster keeps a model that has produced nothing yet on the boards.
        let roster = CoEvalAnalysis.Roster(teachers: setup.teachers, students: setup.students, judges: setup.judges)
        return CoEvalResults(run: run, artifacts: artifacts, analysis: CoEvalAnalysis(artifacts: artifacts, roster: roster), setup: setup)
    }

    /// Whether `run` was made by `quorum coeval run` rather than `quorum run`.
    public static func isCoEvalRun(_ run: RunRecord) -> Bool { run.dataset == CoEvalSetup.datasetMarker }
}
