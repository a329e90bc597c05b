import ArgumentParser
import Foundation
import QuorumCore
import QuorumEvaluation

/// `quorum judge export|apply`: people as judges, through one self-describing JSON file.
struct JudgeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "judge",
        abstract: "Judge a run's answers by hand with its rubric: export a file, fill it in, apply it.",
        subcommands: [JudgeExport.self, JudgeApply.self])
}

struct JudgeExport: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write a run's answered cells, the rubric and empty score fields to one JSON file.",
        discussion: """
            The file carries everything a judge needs (rubric with anchors, each cell's conversation and \
            candidate); fill in scores, flags and your name, then `quorum judge apply FILE`. Cells you \
            already judged come pre-filled, so exporting again and applying changes nothing.
            """)

    @Argument(help: "The run id (`quorum runs` lists them).")
    var runID: String

    @Option(name: .shortAndLong, help: "Where to write the file (default: judging-RUN.json).")
    var out: String?

    @Flag(help: "Only cells no person has judged yet (with --judge: that judge).")
    var pending = false

    @Option(help: "The judge's name, written into the file.")
    var judge: String?

    @Option(help: "The rubric id (default: the run's experiment.rubric).")
    var rubric: String?

    @OptionGroup var store: RunsStoreOptions

    func run() async throws {
        let file = try await RunJudging(store: try await store.openStore())
            .export(runID: runID, judge: judge, pendingOnly: pending, rubric: rubric)
        let path = out ?? "judging-\(runID).json"
        try writeFile(file.encoded(), to: path)
        printError("\(file.cells.count) cells to judge written to \(path) (rubric \(file.rubric.id))")
    }
}

struct JudgeApply: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "apply",
        abstract: "Check a filled judging file and store every valid cell's scores.",
        discussion: """
            Every problem is reported at once with its JSON path ($.cells[3].scores.relevance); cells \
            with a problem are left out, the others are stored. Applying the same file twice changes \
            nothing, and a later file never removes scores it does not mention.
            """)

    @Argument(help: "The filled judging file.")
    var file: String

    @Option(help: "The judge's name, when the file leaves it empty.")
    var judge: String?

    @OptionGroup var store: RunsStoreOptions

    func run() async throws {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: file))
        } catch {
            throw QuorumError(.configuration, "cannot read \(file)", context: ["file": file])
        }
        let applied = try await RunJudging(store: try await store.openStore()).apply(data, judge: judge)
        if store.json { try printJSON(applied) }
        for problem in applied.problems { printError("\(file): \(problem.path): \(problem.message)") }
        let line = "run \(applied.runID): \(applied.applied) cells applied, \(applied.skipped) left empty, \(applied.problems.count) problems"
        if store.json { printError(line) } else { print(line) }
        if !applied.problems.isEmpty { throw ExitCode(1) }
    }
}

/// Writes `data` to `path`, naming the file when it cannot.
func writeFile(_ data: Data, to path: String) throws {
    do {
        try data.write(to: URL(fileURLWithPath: path), options: .atomic)
    } catch {
        throw QuorumError(.store, "cannot write \(path): \(error.localizedDescription)", context: ["file": path])
    }
}
