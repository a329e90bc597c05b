import ArgumentParser
import Foundation
import QuorumCoEval
import QuorumEvaluation
import QuorumStore

struct CoEvalExport: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write a CoEval run's artifacts in CoEval's folder layout (phase1_attributes/ … phase5_evaluations/).",
        discussion: """
            The files are what CoEval's own analyzer reads: attribute maps, rubrics, datapoints, responses and \
            evaluations as JSON/JSONL, plus meta.json and the run's config (secrets redacted). Exporting the same \
            run into the same folder again replaces its files; any other non-empty folder needs --force.
            """)

    @Argument(help: "The CoEval run's id.")
    var runID: String

    @Argument(help: "The folder to write into (created if missing).")
    var directory: String

    @Flag(help: "Write into a non-empty folder that holds something else.")
    var force = false

    @OptionGroup var options: RunsStoreOptions

    func run() async throws {
        let results = try await CoEvalResults.load(runID: runID, from: try await options.openCoEvalStore())
        let exporter = CoEvalExporter(artifacts: results.artifacts, configYAML: results.run.configSnapshot)
        let files = try exporter.export(to: URL(fileURLWithPath: directory), replacing: force)
        if options.json {
            try printJSON(files.map(\.path))
        } else {
            printError("wrote \(plural(files.count, "file")) to \(directory)")
        }
    }
}
