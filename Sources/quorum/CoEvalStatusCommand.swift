import ArgumentParser
import QuorumCoEval
import QuorumEvaluation
import QuorumStore

struct CoEvalStatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show a CoEval run per phase: done, expected, rejected (with reasons), gaps, spend, quota stops.")

    @Argument(help: "The CoEval run's id (`quorum runs` lists them, dataset coeval).")
    var runID: String

    @Flag(help: "Show every table: per-criterion leaderboards and each pair of judges.")
    var full = false

    @Flag(help: "Poll the run's pending batches once and apply the finished ones first (keys from the environment).")
    var fetchBatches = false

    @OptionGroup var options: RunsStoreOptions

    func run() async throws {
        let store = try await options.openCoEvalStore()
        if fetchBatches { try await fetchCoEvalBatches(runID: runID, store: store) }
        try await printCoEvalStatus(runID: runID, store: store, json: options.json, full: full)
    }
}

/// Prints the phase table and the results so far (or both as JSON); shared with `quorum status`.
func printCoEvalStatus(runID: String, store: any CoEvalStore, json: Bool, full: Bool) async throws {
    let results = try await CoEvalResults.load(runID: runID, from: store)
    let status = try await CoEvalStatus.build(runID: runID, store: store, setup: results.setup, artifacts: results.artifacts)
    if json {
        try printJSON(CoEvalStatusReport(status: status, results: results.analysis))
        return
    }
    print(status.renderedTable())
    print()
    print(full ? results.analysis.renderedTables() : results.analysis.renderedSummary())
}

/// `quorum coeval status --json`: where the run stands, and what its grades say so far.
struct CoEvalStatusReport: Encodable {
    var status: CoEvalStatus
    var results: CoEvalAnalysis
}
