import ArgumentParser
import QuorumCoEval
import QuorumCore
import QuorumEvaluation
import QuorumStore

struct Status: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show a run's progress, failures by reason and cost so far.")

    @Argument(help: "The run id (see `quorum runs`).")
    var runID: String

    @OptionGroup var options: RunsStoreOptions

    func run() async throws {
        let store = try await options.openStore()
        guard let record = try await store.run(runID) else {
            throw QuorumError(.store, "no run '\(runID)' in this store; `quorum runs` lists them")
        }
        if CoEvalResults.isCoEvalRun(record), let coeval = store as? any CoEvalStore {
            try await printCoEvalStatus(runID: runID, store: coeval, json: options.json, full: false)
            return
        }
        let summary = RunSummary(run: record, items: try await store.items(ofRun: runID))
        let spending = try await store.spending(ofRun: runID)
        var report = RunStatusReport(summary: summary, spent: spending.spent, callsByModel: spending.callsByModel)
        report.judging = try await RunJudging(store: store).progress(runID: runID)
        if let queue = store as? any WorkQueue {
            report.workers = try await queue.workers(ofRun: runID)
            report.queue = try await queue.queueState(ofRun: runID)
        }
        if options.json {
            try printJSON(report)
            return
        }
        print(summary.renderedTable())
        if let judging = report.judging {
            print("judging (\(judging.rubric)): \(judging.judged)/\(judging.answered) cells judged, \(judging.pending) pending"
                + (judging.judges.isEmpty ? "" : " · by \(judging.judges.joined(separator: ", "))"))
        }
        let calls = spending.callsByModel.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
        print("spent \(spending.spent.formatted) in stored calls\(calls.isEmpty ? "" : " (\(calls))")")
        if let queue = report.queue, let workers = report.workers, !workers.isEmpty {
            print("\n" + WorkerTable(workers: workers, queue: queue).rendered)
        }
    }
}

/// `quorum status --json`: the summary plus every stored call's spending, and on a shared store
/// the run's workers and queue.
struct RunStatusReport: Encodable {
    var summary: RunSummary
    var spent: USD
    var callsByModel: [String: Int]
    var workers: [WorkerRecord]?
    var queue: QueueState?
    /// People's judging of a run started with a rubric.
    var judging: RunJudging.Progress?
}
