import ArgumentParser
import Foundation
import Logging
import QuorumCoEval
import QuorumCore
import QuorumEvaluation
import QuorumProviders
import QuorumRuntime
import QuorumStore

struct CoEvalRun: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run the five CoEval phases: attributes, rubric, items, responses, evaluations.",
        discussion: """
            Every artifact is stored as soon as it is made. Quotas, budget_usd and Ctrl-C leave gaps; \
            --continue RUN fills them without paying again for calls already made. Replies that cannot \
            be read are rejected with their reason (see `quorum coeval status RUN`) and retried by --continue.
            """)

    @Argument(help: "The YAML configuration with models (roles), tasks: and coeval:.")
    var config: String

    @Option(name: .customLong("continue"), help: "Resume this CoEval run in place.")
    var continueRunID: String?

    @Flag(help: "Print the plan (calls, tokens, USD); spend nothing, store nothing.")
    var dryRun = false

    @Option(help: "The run store (default: coeval.store, else the experiment's, else quorum.db here).")
    var store: String?

    @Flag(help: "Print the final status and results as JSON.")
    var json = false

    @Flag(help: "Log each phase and every rejected reply.")
    var verbose = false

    func run() async throws {
        let config = try loadConfig(self.config)
        let setup = try CoEvalSetup(config: config)
        if dryRun {
            try await printDryRun(setup, config: config)
            return
        }
        var logger = Logger(label: "quorum.coeval")
        logger.logLevel = verbose ? .debug : .warning
        let store = try await StoreLocation.resolveCoEval(flag: self.store, config: config).openCoEvalStore()
        let outcome = try await withCoEvalBatching(setup, logger: logger) { batching in
          try await Assembly.with(config, for: setup.allModels, connections: setup.concurrency, logger: logger) { assembly in
            var runner = CoEvalRunner(setup: setup, store: store, models: assembly.models, logger: logger)
            runner.batching = batching
            let runID = try await runner.prepare(continuing: continueRunID)
            printError("coeval run \(runID)")
            let stop = StopSignal()
            let interrupts = RunInterrupts(stop)
            defer { withExtendedLifetime(interrupts) {} }
            return try await runner.run(
                runID, isContinuation: continueRunID != nil, stop: stop, budget: config.coeval?.budgetUSD,
                progress: { printError("  phase \($0.line)") })
          }
        }
        try await printCoEvalStatus(runID: outcome.runID, store: store, json: json, full: false)
        if outcome.status == .stopped {
            var command = "quorum coeval run \(config.sourcePath ?? self.config) --continue \(outcome.runID)"
            // The location as a user may see it: a PostgreSQL password is never printed.
            if let flag = self.store { command += " --store \(StoreLocation(flag))" }
            printError("\nthe run has gaps. Fill them with:\n  \(command)")
            throw ExitCode(2)
        }
    }

    /// The plan of a fresh run; with --continue, also where that run stands (its gaps are what a run would fill).
    private func printDryRun(_ setup: CoEvalSetup, config: QuorumConfig) async throws {
        let plan = CoEvalPlanner(setup: setup).plan()
        guard let continueRunID else {
            if json { try printJSON(plan) } else { print(plan.renderedTable()) }
            return
        }
        let store = try await StoreLocation.resolveCoEval(flag: self.store, config: config).openCoEvalStore()
        let status = try await CoEvalStatus.build(runID: continueRunID, store: store, setup: setup)
        if json {
            try printJSON(CoEvalDryRun(plan: plan, status: status))
        } else {
            print(status.renderedTable() + "\n\n--continue fills the gaps and retries the rejected units; a full run would be:\n"
                + plan.renderedTable())
        }
    }
}

/// `--dry-run --continue --json`: the full plan and where the run stands.
private struct CoEvalDryRun: Encodable {
    var plan: CoEvalPlan
    var status: CoEvalStatus
}
