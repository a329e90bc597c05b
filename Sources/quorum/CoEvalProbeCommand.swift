import ArgumentParser
import QuorumCoEval
import QuorumProviders

struct CoEvalProbeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "probe",
        abstract: "Check that every model with a role is reachable, accepts its key and offers its model id.",
        discussion: """
            Uses each provider's model-listing call (GET …/models), never a generation: nothing is spent. \
            Local models are checked with the local runtime (installed, server health). Exits 2 when a model \
            is not ready. Keys are never printed.
            """)

    @Argument(help: "The YAML configuration with models (roles), tasks: and coeval:.")
    var config: String

    @Option(help: "Only these models (comma-separated names).")
    var onlyModels: String?

    @Option(help: "Seconds to wait for each listing call.")
    var timeout = 15

    @Flag(help: "Print the result as one JSON object.")
    var json = false

    func run() async throws {
        let setup = try CoEvalSetup(config: try loadConfig(config)).restricted(to: CoEvalSetup.modelList(onlyModels))
        let logger = LocalSetup.logger()
        let clients = HTTPClients.shared(connections: 4)
        let probe = try await clients.closing {
            await CoEvalProbe.run(
                setup, factory: ModelFactory(clients: clients, logger: logger), localRuntime: try? LocalSetup.runtime(),
                timeout: .seconds(timeout))
        }
        if json { try printJSON(probe) } else { print(probe.renderedTable()) }
        if !probe.allReady { throw ExitCode(2) }
    }
}
