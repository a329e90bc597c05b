import ArgumentParser

/// The `quorum` command: a thin layer over the library targets.
@main
struct Quorum: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "quorum",
        abstract: "Cost-efficient multi-LLM orchestration and its evaluation.",
        version: "0.1.0",
        subcommands: [
            Validate.self,
            Run.self, Runs.self, Status.self, Show.self, Export.self, Compare.self, Report.self, Plan.self,
            Datasets.self, AskCommand.self, Prompts.self, LocalCommand.self, Serve.self, Models.self,
            MLflowCommand.self, Bench.self, CoEvalCommand.self, EmbedCommand.self,
        ]
    )
}
