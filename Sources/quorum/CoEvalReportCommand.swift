import ArgumentParser
import Foundation
import QuorumCoEval
import QuorumCore
import QuorumEvaluation

struct CoEvalReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write a self-contained HTML report of a CoEval run: leaderboards, judge agreement, teacher quality.")

    @Argument(help: "The CoEval run's id.")
    var runID: String

    @Option(name: .shortAndLong, help: "Where to write the report (default: report-RUN.html).")
    var out: String?

    @Option(help: "How many items to show with their responses and grades.")
    var sample = 12

    @Option(help: "Also write every table of the report as NAME.csv into this folder.")
    var csv: String?

    @OptionGroup var options: RunsStoreOptions

    func run() async throws {
        let results = try await CoEvalResults.load(runID: runID, from: try await options.openCoEvalStore())
        try writeCoEvalReport(results, to: out ?? "report-\(runID).html", sample: sample, json: options.json)
        if let csv { try writeCoEvalCSV(results, to: csv) }
    }
}

/// Writes the HTML file and prints the summary tables (or their JSON); shared with `quorum report`.
func writeCoEvalReport(_ results: CoEvalResults, to path: String, sample: Int, json: Bool) throws {
    let html = CoEvalReport(analysis: results.analysis, artifacts: results.artifacts, sampleSize: sample).rendered()
    do {
        try html.write(toFile: path, atomically: true, encoding: .utf8)
    } catch {
        throw QuorumError(.store, "cannot write the report to \(path): \(error.localizedDescription)", context: ["file": path])
    }
    if json { try printJSON(results.analysis) } else { print(results.analysis.renderedSummary()) }
    printError("report written to \(path)")
}

/// Writes each table of the report as a CSV file (`quorum coeval report --csv DIR`).
func writeCoEvalCSV(_ results: CoEvalResults, to directory: String) throws {
    let views = CoEvalViews(artifacts: results.artifacts, analysis: results.analysis)
    do {
        let files = try views.allTables.writeCSV(to: URL(fileURLWithPath: directory))
        printError("\(plural(files.count, "CSV file")) written to \(directory)")
    } catch {
        throw QuorumError(.store, "cannot write CSV files to \(directory): \(error.localizedDescription)", context: ["file": directory])
    }
}
