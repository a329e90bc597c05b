import Foundation
import QuorumCore
import QuorumStore

/// Where a CoEval run stands: per phase what is done, expected, rejected and still a gap; spend per
/// model; why the last invocation stopped. `quorum coeval status` prints it; `--json` is this value.
public struct CoEvalStatus: Sendable, Hashable, Codable {
    public struct Phase: Sendable, Hashable, Codable {
        public var phase: CoEvalPhase
        public var name: String
        public var mode: CoEvalPhaseMode
        /// Artifacts a complete run has (proposals, items, responses, evaluations).
        public var expected: Int
        public var done: Int
        /// Units whose last attempt was rejected or failed, with nothing stored yet.
        public var rejected: Int
        /// Units neither done nor rejected: not reached (quota, budget, interrupt, upstream gaps).
        public var gaps: Int
    }

    public struct Spend: Sendable, Hashable, Codable {
        public var model: String
        public var calls: Int
        public var cost: USD
    }

    public var runID: String
    public var status: RunStatus
    public var phases: [Phase]
    public var spend: [Spend]
    public var stops: [CoEvalStop]
    /// The latest reason per rejected unit, newest last.
    public var rejections: [CoEvalRejection]

    public var totalCost: USD { spend.map(\.cost).sum() }

    /// Reads the run and its config snapshot from `store`; `setup` overrides the snapshot and
    /// `artifacts` spares reading them again when the caller has them already.
    public static func build(
        runID: String, store: any CoEvalStore, setup given: CoEvalSetup? = nil, artifacts loaded: CoEvalArtifacts? = nil
    ) async throws -> CoEvalStatus {
        guard let run = try await store.run(runID), run.dataset == CoEvalSetup.datasetMarker else {
            throw QuorumError(.store, "no CoEval run '\(runID)' in this store; `quorum runs` lists them")
        }
        let setup = try given ?? CoEvalSetup(config: JSONDecoder().decode(QuorumConfig.self, from: Data(run.configSnapshot.utf8)))
        let artifacts: CoEvalArtifacts
        if let loaded { artifacts = loaded } else { artifacts = try await store.coevalArtifacts(ofRun: runID) }
        let allRejections = try await store.coevalRejections(ofRun: runID)
        let state = try await store.coevalState(ofRun: runID)
        let done = doneIDs(artifacts)
        var latest: [String: CoEvalRejection] = [:]
        for rejection in allRejections where !(done[rejection.phase]?.contains(rejection.unitID) ?? false) {
            latest["\(rejection.phase.rawValue)|\(rejection.unitID)"] = rejection
        }
        let open = latest.values.sorted { $0.createdAt < $1.createdAt }
        let expected = expectedCounts(setup)
        let phases = CoEvalPhase.allCases.map { phase in
            let count = done[phase]?.count ?? 0
            let rejected = open.count { $0.phase == phase }
            let wanted = expected[phase] ?? 0
            return Phase(
                phase: phase, name: phase.key, mode: setup.mode(of: phase), expected: wanted, done: count,
                rejected: rejected, gaps: max(0, wanted - count - rejected))
        }
        let spend = try await store.coevalSpending(ofRun: runID).map { Spend(model: $0.key, calls: $0.value.calls, cost: $0.value.cost) }
            .sorted { $0.model < $1.model }
        return CoEvalStatus(runID: runID, status: run.status, phases: phases, spend: spend, stops: state.stops, rejections: open)
    }

    /// Ids of the units each phase has done (teacher proposals only for phases 1-2).
    private static func doneIDs(_ artifacts: CoEvalArtifacts) -> [CoEvalPhase: Set<String>] {
        [
            .attributeMapping: Set(artifacts.attributes.compactMap { map in map.teacher.map { "\(map.task).\($0)" } }),
            .rubricMapping: Set(artifacts.rubrics.compactMap { rubric in rubric.teacher.map { "\(rubric.task).\($0)" } }),
            .dataGeneration: Set(artifacts.items.map(\.id)),
            .responseCollection: Set(artifacts.responses.map(\.id)),
            .evaluation: Set(artifacts.evaluations.map(\.id)),
        ]
    }

    /// Artifacts of a complete run, from the formulas `quorum coeval plan` uses (units, not calls).
    static func expectedCounts(_ setup: CoEvalSetup) -> [CoEvalPhase: Int] {
        let teachers = setup.teachers.count
        let items = setup.tasks.map(\.total).reduce(0, +) * teachers
        return [
            .attributeMapping: setup.tasks.count { setup.asksForAttributes($0) } * teachers,
            .rubricMapping: setup.tasks.count { setup.asksForRubric($0) } * teachers,
            .dataGeneration: items,
            .responseCollection: items * setup.students.count,
            .evaluation: setup.tasks.map { $0.total * teachers * setup.students.count * setup.evaluationsPerResponse($0) }.reduce(0, +),
        ]
    }
}
