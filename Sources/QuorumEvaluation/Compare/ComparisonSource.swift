import Foundation
import QuorumCore
import QuorumProviders
import QuorumStore

/// What a comparison is computed from: a stored run, its items and its pairwise verdicts.
public struct ComparisonSource: Sendable {
    public var run: RunRecord
    public var items: [ItemRecord]
    public var verdicts: [PairwiseVerdict]
    /// Calibration curves of the run's confidence-gated cascades and learned routers, where
    /// `quorum calibrate` made one.
    public var calibrations: [SystemCalibration]

    public init(run: RunRecord, items: [ItemRecord], verdicts: [PairwiseVerdict] = [], calibrations: [SystemCalibration] = []) {
        self.run = run
        self.items = items
        self.verdicts = verdicts
        self.calibrations = calibrations
    }

    /// Loads run `id` from `store`; throws `.store` when there is no such run. Calibrations are looked
    /// up for `config` when given (a file on disk, so a learned router's relative `router:` file is
    /// found), else for the run's snapshot.
    public static func load(_ id: String, from store: any RunStore, config: QuorumConfig? = nil) async throws -> ComparisonSource {
        guard let run = try await store.run(id) else {
            throw QuorumError(.store, "no run '\(id)' in this store; `quorum runs` lists them", context: ["run": id])
        }
        let verdicts = try await (store as? any PairwiseVerdictStore)?.pairwiseVerdicts(ofRun: id) ?? []
        var source = ComparisonSource(run: run, items: try await store.items(ofRun: id), verdicts: verdicts)
        if let config = config ?? source.configSnapshot {
            source.calibrations = (try? await SystemCalibration.load(for: config, from: store)) ?? []
        }
        return source
    }

    /// The configuration the run was made with (secrets redacted), from its stored snapshot.
    public var configSnapshot: QuorumConfig? {
        try? JSONDecoder().decode(QuorumConfig.self, from: Data(run.configSnapshot.utf8))
    }

    /// The comparison of this source under `options`.
    public func comparison(_ options: ComparisonOptions) -> RunComparison {
        var comparison = RunComparison(run: run, items: items, verdicts: verdicts, options: options)
        comparison.calibrations = calibrations.filter { run.systems.contains($0.system) }
        return comparison
    }
}

extension ComparisonOptions {
    /// Options for comparing `run` under `config`: the judge's model and each system's models for
    /// the self-preference check, and the reference model's list price from `priceTable`.
    ///
    /// Throws `.configuration` when `referenceModel` has no known price or `judge` is not a pairwise judge.
    public init(
        config: QuorumConfig?, run: RunRecord, baseline: String?, judge: String?, referenceModel: String?,
        priceTable: PriceTable = .builtIn, bootstrap: Bootstrap = Bootstrap()
    ) throws {
        var reference: ReferencePrice?
        if let referenceModel {
            let configured = config?.model(named: referenceModel)?.price
            guard let price = configured ?? priceTable.price(for: referenceModel) else {
                let known = priceTable.entries.map(\.model).prefix(12).joined(separator: ", ")
                throw QuorumError(
                    .configuration, "no list price known for '\(referenceModel)' (known: \(known), …)",
                    context: ["model": referenceModel])
            }
            reference = ReferencePrice(model: referenceModel, price: price)
        }
        if let judge, let config, let found = config.judge(named: judge), found.type != "pairwise" {
            throw QuorumError(.configuration, "judge '\(judge)' is a \(found.type) judge; compare needs a pairwise judge")
        }
        let judgeName = judge ?? config?.judges.first { $0.type == "pairwise" }?.name
        var models: [String: [String]] = [:]
        for system in run.systems { models[system] = config?.modelNames(neededBy: [system]) ?? [] }
        self.init(
            baseline: baseline, judge: judgeName, judgeModel: judgeName.flatMap { config?.judge(named: $0)?.model },
            modelsBySystem: models, referencePrice: reference, bootstrap: bootstrap)
    }
}
