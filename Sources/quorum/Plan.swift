import ArgumentParser
import Foundation
import Logging
import QuorumCore
import QuorumEvaluation
import QuorumStore

struct Plan: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Estimate calls, tokens and USD per model and per system before anything is spent.")

    @Argument(help: "The experiment's YAML configuration.")
    var config: String

    @Option(help: "Answer this many items for real and extrapolate (0: heuristics only, nothing spent).")
    var samples = 0

    @Option(name: .customLong("from"), help: "Take cascade escalation rates from this earlier run.")
    var fromRun: String?

    @Option(help: "Assumed share of items that escalate past each cascade level.")
    var escalation = 0.5

    @Option(help: "Use at most this many dataset items.")
    var limit: Int?

    @Option(help: "The run store for --from (default: the config's store, else quorum.db here).")
    var store: String?

    @Flag(help: "Print the plan as JSON.")
    var json = false

    func validate() throws {
        guard samples >= 0 else { throw ValidationError("--samples must be 0 or more") }
        guard (0...1).contains(escalation) else { throw ValidationError("--escalation must be between 0 and 1") }
    }

    func run() async throws {
        let config = try loadConfig(self.config)
        let launcher = RunLauncher(config: config, store: try await StoreLocation.resolve(flag: store, config: config).open())
        let request = RunRequest(limit: limit, dryRun: true)
        let prepared = try await launcher.prepare(request, scoring: nil)
        let plan: CostPlan
        if samples > 0 {
            plan = try await RunComponents.with(
                config, systems: prepared.run.systems, connections: 8, logger: Logger(label: "quorum.plan")) {
                try await SampledPlanner(samples: samples, models: $0.models)
                    .plan(systems: $0.systems, items: prepared.items, scorer: $0.scorer)
            }
        } else {
            var rates: [String: [Double]] = [:]
            if let fromRun {
                guard let earlier = try await launcher.store.run(fromRun) else {
                    throw QuorumError(.store, "no run '\(fromRun)' in this store; `quorum runs` lists them")
                }
                rates = CostPlanner.escalation(from: RunSummary(run: earlier, items: try await launcher.store.items(ofRun: fromRun)))
            }
            plan = CostPlanner(config: config, escalation: rates, defaultEscalation: escalation)
                .plan(systems: prepared.run.systems, items: prepared.items)
        }
        if json { try printJSON(plan) } else { print(plan.renderedTable()) }
    }
}
