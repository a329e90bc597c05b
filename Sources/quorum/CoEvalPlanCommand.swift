import ArgumentParser
import QuorumCoEval
import QuorumEvaluation

struct CoEvalPlanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Count a CoEval run's calls per phase and estimate tokens and USD per model.")

    @Argument(help: "The YAML configuration with models (roles), tasks: and coeval:.")
    var config: String

    @Flag(help: "Print the plan as one JSON object.")
    var json = false

    func run() async throws {
        let plan = CoEvalPlanner(setup: try CoEvalSetup(config: try loadConfig(config))).plan()
        if json { try printJSON(plan) } else { print(plan.renderedTable()) }
    }
}
