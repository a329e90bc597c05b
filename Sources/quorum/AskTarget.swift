import AsyncHTTPClient
import Foundation
import Logging
import QuorumCore
import QuorumEvaluation
import QuorumProviders
import QuorumRuntime

/// The model `quorum ask` talks to: the `models:` entry of `--config` called NAME, else the local
/// catalog model called NAME.
struct AskTarget {
    /// The config the model is assembled from: the loaded file (or an empty one) holding `entry`.
    var config: QuorumConfig
    /// The model's entry; a local model without a price carries the catalog's notional one.
    var entry: ModelConfig
    var runtime: LocalRuntime

    /// Loads and validates `configPath` if given, then resolves `model` in it or in the local catalog.
    init(model: String, configPath: String?) throws {
        let loaded = try configPath.map(loadConfig)
        let entry = try LocalModelCatalog.standard.modelConfig(named: model, in: loaded)
        var config = loaded ?? QuorumConfig()
        config.models = config.models.filter { $0.name != entry.name } + [entry]
        self.entry = entry
        self.config = config
        runtime = try LocalSetup.runtime()
    }

    /// Says on standard error that a local server is being started, since that takes seconds.
    func noteServerStart() async {
        guard entry.provider == "local", let model = try? runtime.catalog.model(named: entry.model),
            await runtime.status(of: model).state != .running
        else { return }
        printError(dim("starting the local server for \(entry.model)…"))
    }

    /// The model, built the way every command builds models (its local server started if needed).
    func chatModel(logger: Logger) async throws -> any ChatModel {
        let assembly = try await Assembly.assemble(
            config, for: [entry.name], clients: HTTPClients(shared: .shared), runtime: runtime, logger: logger)
        guard let model = assembly.models[entry.name] else {
            throw QuorumError(.internal, "the model was not assembled", context: ["model": entry.name])
        }
        return model
    }
}
