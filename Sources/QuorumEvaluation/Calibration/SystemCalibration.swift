import Foundation
import QuorumCore
import QuorumOrchestration
import QuorumStore

/// A confidence cascade's or learned router's calibration curve as `quorum compare` and the report show it beside the run: from
/// the newest `quorum calibrate` run of that cascade in the same store.
public struct SystemCalibration: Sendable, Hashable, Codable {
    public var system: String
    public var runID: String
    public var levels: [String]
    public var summary: LadderSummary
    /// The threshold the compared run used, and where it sits on the curve.
    public var threshold: Double
    public var atThreshold: OperatingPoint

    /// The calibrations of every confidence-gated cascade and learned router in `config` that has a calibration run
    /// in `store` (none is not an error: most runs were never calibrated).
    public static func load(for config: QuorumConfig, from store: any RunStore) async throws -> [SystemCalibration] {
        let runs = try await store.runs()
        var found: [SystemCalibration] = []
        let calibrated = config.systems.filter {
            ($0.type == "cascade" && $0.gate?.confidence != nil) || ($0.type == "router" && $0.strategy == "learned")
        }
        for system in calibrated {
            guard let plan = try? CalibrationPlan(config: config, system: system.name) else { continue }
            var observations = runs.filter { $0.name == plan.observationConfig.experiment?.name }
            var router: RouterModel?
            if case .learnedRouter(let file, _, _) = plan.signal {
                // The router file holds its training items' vectors: their left-one-out ladder needs no
                // embedding call, on the run it was trained on.
                guard let trained = try? RouterModel.load(from: file) else { continue }
                router = trained
                observations = observations.filter { trained.trainedOn.contains($0.id) }
            }
            guard let run = observations.max(by: { $0.createdAt < $1.createdAt }) else { continue }
            let records = try await store.items(ofRun: run.id)
            var items = plan.ladder(from: records).items
            if let router {
                items = RouterTraining.ladder(trainedOn: router, records: records, confidence: plan.confidence(of:))
            }
            guard !items.isEmpty else { continue }
            let curve = CalibrationResult.curve(plan.policy, items)
            found.append(SystemCalibration(
                system: system.name, runID: run.id, levels: plan.levels, summary: LadderSummary(curve),
                threshold: plan.configuredThreshold,
                atThreshold: LadderCurve(policy: plan.policy, items: items).point(at: plan.configuredThreshold)))
        }
        return found
    }
}
