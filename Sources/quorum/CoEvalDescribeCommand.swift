import ArgumentParser
import Foundation
import QuorumCoEval
import QuorumCore

struct CoEvalDescribeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "describe",
        abstract: "Write a self-contained HTML page of what a CoEval run will do: per phase units, calls per model, tokens, USD.")

    @Argument(help: "The YAML configuration with models (roles), tasks: and coeval:.")
    var config: String

    @Option(name: .shortAndLong, help: "Where to write the page.")
    var out = "plan.html"

    @OptionGroup var planning: CoEvalPlanningOptions

    func run() async throws {
        let (setup, plan) = try await planning.plan(try loadConfig(config))
        let html = CoEvalDescription(setup: setup, plan: plan).rendered()
        do {
            try html.write(toFile: out, atomically: true, encoding: .utf8)
        } catch {
            throw QuorumError(.store, "cannot write \(out): \(error.localizedDescription)", context: ["file": out])
        }
        print(plan.renderedTable())
        printError("plan written to \(out)")
    }
}
