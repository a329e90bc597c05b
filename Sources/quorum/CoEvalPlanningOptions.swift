import ArgumentParser
import Foundation
import Logging
import QuorumCoEval
import QuorumCore
import QuorumRuntime
import QuorumStore

/// `--continue RUN`, `--only-models`, `--estimate-samples N` and `--store`: what `coeval plan` and
/// `coeval describe` share.
struct CoEvalPlanningOptions: ParsableArguments {
    @Option(name: .customLong("continue"), help: "Count only what this run has not made yet.")
    var continueRunID: String?

    @Option(help: "Only these models' units (comma-separated names).")
    var onlyModels: String?

    @Option(help: "Make N real calls per model to measure tokens and latency, then extrapolate (0: heuristics only).")
    var estimateSamples = 0

    @Option(help: "The run store for --continue (default: coeval.store, else the experiment's, else quorum.db here).")
    var store: String?

    func validate() throws {
        guard estimateSamples >= 0 else { throw ValidationError("--estimate-samples must be 0 or more") }
    }

    /// The plan of `config` under these options; samples are real, paid calls through the normal model path.
    func plan(_ config: QuorumConfig) async throws -> (setup: CoEvalSetup, plan: CoEvalPlan) {
        let setup = try CoEvalSetup(config: config).restricted(to: CoEvalSetup.modelList(onlyModels))
        var planner = CoEvalPlanner(setup: setup)
        if let continueRunID {
            let store = try await StoreLocation.resolveCoEval(flag: store, config: config).openCoEvalStore()
            guard try await store.run(continueRunID) != nil else {
                throw QuorumError(.store, "no run '\(continueRunID)' in this store; `quorum runs` lists them")
            }
            planner.progress = CoEvalProgress(try await store.coevalArtifacts(ofRun: continueRunID))
        }
        if estimateSamples > 0 {
            let names = setup.allModels.filter(setup.includes)
            planner.measured = try await Assembly.with(config, for: names, logger: LocalSetup.logger()) { assembly in
                try await CoEvalSampling(setup: setup, samples: estimateSamples).measure(models: assembly.models)
            }
        }
        return (setup, planner.plan())
    }
}
