import ArgumentParser
import Foundation
import QuorumCoEval
import QuorumCore
import QuorumEvaluation
import QuorumStore

struct Report: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a self-contained HTML report of a run (charts, per-item table, traces).",
        discussion: """
            Reads the run and any pairwise verdicts `quorum compare` stored; asks no model anything. \
            The file needs no network to view: inline SVG, CSS and a little JavaScript for filtering.
            """)

    @Argument(help: "The run id (`quorum runs` lists them).")
    var runID: String

    @Option(name: .shortAndLong, help: "Where to write the report (default: report-RUN.html).")
    var out: String?

    @Flag(help: "Open the report in the default browser when written.")
    var open = false

    @OptionGroup var compare: CompareOptions
    @OptionGroup var store: RunsStoreOptions

    func run() async throws {
        let runStore = try await store.openStore()
        if let record = try await runStore.run(runID), CoEvalResults.isCoEvalRun(record) {
            let results = try await CoEvalResults.load(runID: runID, from: try await store.openCoEvalStore())
            try writeCoEvalReport(results, to: out ?? "report-\(runID).html", sample: 12, json: store.json)
            if open { await openInBrowser(path: out ?? "report-\(runID).html") }
            return
        }
        let (source, _, options) = try await compare.load(runID, store: runStore, configPath: store.config)
        let comparison = source.comparison(options)
        let path = out ?? "report-\(runID).html"
        // A run judged with a rubric (by people or an LLM rubric judge) gets its leaderboard too.
        let board = try? await RunJudging(store: runStore).leaderboard(runID: runID)
        let html = HTMLReport(comparison: comparison, source: source, leaderboard: board).rendered()
        do {
            try html.write(toFile: path, atomically: true, encoding: .utf8)
        } catch {
            throw QuorumError(.store, "cannot write the report to \(path): \(error.localizedDescription)", context: ["file": path])
        }
        if store.json { try printJSON(comparison) } else { print(comparison.renderedTables(colored: isTerminal)) }
        printError("report written to \(path)")
        if open { await openInBrowser(path: path) }
    }

    private func openInBrowser(path: String) async {
        do { try await ReportOpener.open(path) } catch { printError("\(error)") }
    }
}
