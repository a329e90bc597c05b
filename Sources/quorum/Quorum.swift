import ArgumentParser
import Foundation

/// The `quorum` command: a thin layer over the library targets.
@main
struct Quorum: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "quorum",
        abstract: "Cost-efficient multi-LLM orchestration and its evaluation.",
        version: "0.1.0",
        subcommands: [
            Validate.self,
            Run.self, Worker.self, Calibrate.self, Router.self, Runs.self, Status.self, Show.self, Export.self, Compare.self, Report.self, Plan.self,
            JudgeCommand.self, LeaderboardCommand.self, ViewCommand.self,
            Datasets.self, Ask.self, Prompts.self, Local.self, Serve.self, Keys.self, CacheCommand.self, Models.self,
            MLflow.self, Bench.self, CoEval.self, Embed.self, Store.self,
        ]
    )

    /// ArgumentParser's own `main`, plus the one-sentence ending of an unexpected error
    /// (`CommandFailure`) and of a trap (`CrashNotice`). `--debug`, accepted by every command,
    /// prints the error's detail and leaves crash reports to the Swift runtime.
    static func main() async {
        var arguments = Array(CommandLine.arguments.dropFirst())
        let debug = arguments.contains("--debug")
        arguments.removeAll { $0 == "--debug" }
        let failure = CommandFailure(arguments: arguments)
        if !debug { CrashNotice.install(for: failure) }
        do {
            var command = try parseAsRoot(arguments)
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch where !CommandFailure.isExpected(error) {
            printError(failure.sentence(for: error))
            if debug { printError(CommandFailure.detail(of: error)) }
            Foundation.exit(1)
        } catch {
            exit(withError: error)
        }
    }
}
