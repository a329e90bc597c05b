import ArgumentParser
import QuorumCoEval
import QuorumEvaluation

struct CoEvalPlanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Count a CoEval run's calls per phase and estimate tokens and USD per model.",
        discussion: """
            --continue RUN counts only what that run has not made yet. --estimate-samples N makes N real (paid) \
            calls per model to measure output tokens, prompt tokens and latency, and extrapolates from them.
            """)

    @Argument(help: "The YAML configuration with models (roles), tasks: and coeval:.")
    var config: String

    @OptionGroup var planning: CoEvalPlanningOptions

    @Flag(help: "Print the plan as one JSON object.")
    var json = false

    func run() async throws {
        let plan = try await planning.plan(try loadConfig(config)).plan
        if json { try printJSON(plan) } else { print(plan.renderedTable()) }
    }
}
