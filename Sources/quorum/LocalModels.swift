import ArgumentParser
import QuorumProviders

struct LocalModels: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "models", abstract: "List the local catalog: name, weights, size, port, installed or not.")

    func run() async throws {
        let configuration = try LocalSetup.configuration()
        for model in LocalModelCatalog.standard.models {
            let megabytes = Double(model.byteCount) / 1_000_000
            let installed = configuration.hasWeights(for: model) ? "installed" : "not installed"
            print("\(LocalSetup.column(model.name)) \(model.summary.padding(toLength: 36, withPad: " ", startingAt: 0))"
                + " \(String(format: "%6.0f MB", megabytes))  port \(configuration.port(for: model))  \(installed)")
        }
    }
}
