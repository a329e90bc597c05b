import ArgumentParser
import Foundation
import Logging
import QuorumCore
import QuorumEvaluation
import QuorumStore

struct Run: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run every system of an experiment over its dataset, score, store and compare.",
        discussion: """
            Each (system, item) is stored as soon as it finishes. Ctrl-C stops starting work and lets \
            items in flight finish (twice: abandons them); budget_usd and quotas leave the rest pending. \
            --continue RUN_ID fills in what is missing without paying again for calls already made.
            """)

    @Argument(help: "The experiment's YAML configuration.")
    var config: String

    @Option(help: "Comma-separated systems to run (default: the experiment's).")
    var systems: String?

    @Option(help: "Use at most this many dataset items.")
    var limit: Int?

    @Option(name: .customLong("continue"), help: "Resume this run: answer only what is missing.")
    var continueRunID: String?

    @Flag(help: "Show what would run and its estimated cost; spend nothing, store nothing.")
    var dryRun = false

    @Flag(help: "Leave malformed dataset records out (listing them) instead of refusing to start.")
    var skipBadItems = false

    @Flag(help: "Create the run in a PostgreSQL store and answer nothing: `quorum worker` processes do the work.")
    var enqueueOnly = false

    @Option(help: "Items answered at once (default: the experiment's concurrency, else 8).")
    var concurrency: Int?

    @Option(help: "The run store (default: the config's store, else quorum.db here).")
    var store: String?

    @Flag(help: "Print the comparison as one JSON object.")
    var json = false

    @Flag(help: "Log every item that is not answered, and each stage of the run.")
    var verbose = false

    private var logger: Logger {
        var logger = Logger(label: "quorum.run")
        logger.logLevel = verbose ? .debug : .warning
        return logger
    }

    @Option(name: .customLong("mlflow"), help: "Also log the run to this MLflow server (default: MLFLOW_TRACKING_URI, else experiment.mlflow).")
    var mlflowURI: String?

    func validate() throws {
        if let limit, limit < 1 { throw ValidationError("--limit must be at least 1") }
        if let concurrency, concurrency < 1 { throw ValidationError("--concurrency must be at least 1") }
    }

    func run() async throws {
        let config = try loadConfig(self.config)
        let location = StoreLocation.resolve(flag: store, config: config)
        let request = RunRequest(
            systems: systems.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } },
            limit: limit, continueRunID: continueRunID, skipBadItems: skipBadItems, dryRun: dryRun)
        if enqueueOnly, !dryRun { return try await enqueue(request, config: config, queue: try await location.openQueue()) }
        let runStore = try await location.open()
        let launcher = RunLauncher(config: config, store: runStore)
        let names = try launcher.systemNames(for: request)
        if dryRun {
            let prepared = try await launcher.prepare(request, scoring: nil)
            for problem in prepared.skipped { printError("skipped \(problem)") }
            let plan = CostPlanner(config: config).plan(systems: prepared.run.systems, items: prepared.items)
            if json { try printJSON(plan) } else { print("\(prepared.toDo) pairs to answer\n" + plan.renderedTable()) }
            return
        }
        let connections = concurrency ?? config.experiment?.concurrency ?? 8
        let phases = try GridPhases(config: config, systems: names, logger: logger)
        var prepared: PreparedRun?
        var outcome: RunOutcome?
        for (index, group) in phases.groups.enumerated() {
            for stopped in try await phases.makeRoom(for: group, scoringModels: config.scoringModels) {
                printError("stopped local model \(stopped) (one_model_at_a_time)")
            }
            if phases.oneAtATime { printError("model \(index + 1)/\(phases.groups.count): \(group.joined(separator: ", "))") }
            let result = try await RunComponents.with(config, systems: group, connections: connections, logger: logger) { components in
                let run: PreparedRun
                if let prepared {
                    run = prepared
                    try await runStore.updateRun(run.run.id, status: .running, stopReason: nil)  // the previous model left it "stopped"
                } else {
                    run = try await launcher.prepare(request, scoring: components.scorer?.label)
                    for problem in run.skipped { printError("skipped \(problem)") }
                }
                prepared = run
                return try await executeRun(
                    run.only(group), components: components, config: config, store: runStore, concurrency: connections, logger: logger)
            }
            outcome = result
            // A budget, quota or Ctrl-C that left this model's cells pending stops the grid here.
            let left = try await runStore.items(ofRun: result.runID).contains { group.contains($0.system) && $0.status == .pending }
            if left { break }
        }
        for stopped in try await phases.finish() { printError("stopped local model \(stopped) (one_model_at_a_time)") }
        guard let prepared, let outcome else { return }
        await logToMLflow(outcome, prepared: prepared, config: config, store: runStore)
        try await report(outcome, store: runStore)
    }

    /// `--enqueue-only`: the run recorded (its components built, so a broken config fails here) and left to workers.
    private func enqueue(_ request: RunRequest, config loaded: QuorumConfig, queue: any WorkQueue) async throws {
        let launcher = RunLauncher(config: loaded, store: queue)
        let names = try launcher.systemNames(for: request)
        let enqueued = try await RunComponents.with(loaded, systems: names, connections: 1, logger: logger) { components in
            try await launcher.enqueue(request, scoring: components.scorer?.label, on: queue)
        }
        let prepared = enqueued.prepared
        for problem in prepared.skipped { printError("skipped \(problem)") }
        var line = "run \(prepared.run.id): \(prepared.toDo) pairs enqueued"
        if enqueued.requeued > 0 { line += " (\(enqueued.requeued) failed or held back made claimable again)" }
        print(line + "\nstart workers (any number, any machine) with:\n  quorum worker \(config) --run \(prepared.run.id)"
            + (store == nil ? "" : " --store URL") + "\n(the store: \(StoreLocation.resolve(flag: store, config: loaded)))")
    }

    private func report(_ outcome: RunOutcome, store runStore: any RunStore) async throws {
        guard let run = try await runStore.run(outcome.runID) else { return }
        let summary = RunSummary(run: run, items: try await runStore.items(ofRun: outcome.runID))
        if json { try printJSON(summary) } else { print(summary.renderedTable()) }
        if outcome.status == .stopped {
            var command = "quorum run \(config) --continue \(outcome.runID)"
            if let store { command += " --store \(StoreLocation(store))" }  // never the password
            printError("\n\(outcome.pending) item(s) pending (\(outcome.stopReason ?? "stopped")). Resume with:\n  \(command)")
            throw ExitCode(2)
        }
    }
}
