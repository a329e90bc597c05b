import ArgumentParser
import QuorumProviders

struct LocalStart: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "start",
        abstract: "Start a server for each model (those already running are left as they are).")

    @OptionGroup var options: LocalOptions

    func run() async throws {
        let runtime = try LocalSetup.runtime()
        let models = try options.selectedModels()
        let installed = models.filter { runtime.configuration.hasWeights(for: $0) }
        // With no --models, start what is installed; naming a model that is missing is an error.
        let names = options.modelNames.isEmpty ? installed.map(\.name) : models.map(\.name)
        guard !names.isEmpty else {
            throw ValidationError("no local model is installed; run `quorum local install` first")
        }
        let urls = try await runtime.ensureRunning(models: names)
        for model in models where urls[model.name] != nil {
            let status = await runtime.status(of: model)
            print("\(LocalSetup.column(model.name)) running  \(urls[model.name]!.absoluteString)  pid \(status.pid ?? 0)")
        }
    }
}
