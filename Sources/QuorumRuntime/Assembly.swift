import AsyncHTTPClient
import Foundation
import Logging
import QuorumCore
import QuorumOrchestration
import QuorumProviders

/// A configuration made runnable: its models (local servers started on demand), systems and judges.
///
/// Every command that answers questions (`ask`, `run`, `serve`) assembles its config through here,
/// so models are built once per process and share their limits.
public struct Assembly: Sendable {
    public var config: QuorumConfig
    /// Every configured model by name; a model that could not be built answers with its error.
    public var models: [String: any ChatModel]
    public var catalog: SystemFactory.Catalog

    /// Builds the parts of `config` needed by `names` (models or systems; all when empty).
    /// Local models among them are started if they are not running.
    ///
    /// Validates `config` first (a loaded one passes again; one built in code is held to the same
    /// rules), so `SystemFactory` builds only what the validator accepted.
    /// - Throws: `ConfigValidationError` for an invalid config; `QuorumError` for what cannot be built.
    public static func assemble(
        _ config: QuorumConfig, for names: [String] = [], clients: HTTPClients, runtime: LocalRuntime,
        logger: Logger, environment: [String: String] = ProcessInfo.processInfo.environment
    ) async throws -> Assembly {
        try config.validate()
        let needed = Set(config.modelNames(neededBy: names))
        let localNames = config.models.filter { needed.contains($0.name) && $0.provider == "local" }.map(\.model)
        let localURLs = try await runtime.ensureRunning(models: Array(Set(localNames)))
        let factory = ModelFactory(clients: clients, logger: logger, environment: environment)
        let config = try await factory.resolvingAutoProviders(config, names: needed)
        var models: [String: any ChatModel] = [:]
        for configured in config.models {
            // Local models with no price get the catalog's notional one, so comparisons still mean something.
            let model = configured.provider == "local" ? configured.withNotionalPrice() : configured
            do {
                let override = model.provider == "local" ? localURLs[model.model] : nil
                if model.provider == "local", override == nil {
                    // Not needed by this command: reachable only if something asks for it later.
                    models[model.name] = UnavailableModel(name: model.name, error: QuorumError(
                        .localRuntime, "local model '\(model.model)' was not started for this command",
                        context: ["model": model.name]))
                    continue
                }
                models[model.name] = try factory.makeModel(model, baseURLOverride: override)
            } catch let error as QuorumError {
                if needed.contains(model.name) { throw error }
                logger.debug("model unavailable", metadata: ["model": "\(model.name)", "reason": "\(error)"])
                models[model.name] = UnavailableModel(name: model.name, error: error)
            }
        }
        models = factory.addingFallbacks(to: models, configs: config.models)
        let embedders = try await embeddingModels(
            config, for: Set(config.systemNames(neededBy: names)), factory: factory, runtime: runtime)
        let catalog = try SystemFactory(config: config, models: models, embedders: embedders).makeCatalog()
        return Assembly(config: config, models: models, catalog: catalog)
    }
}

extension Assembly {
    /// The embedding models of the learned routers this command needs; a local one is served by its
    /// model's `NAME-embeddings` server, started if it is not running.
    static func embeddingModels(
        _ config: QuorumConfig, for systems: Set<String>, factory: ModelFactory, runtime: LocalRuntime
    ) async throws -> [String: any EmbeddingModel] {
        let routers = config.systems.filter { $0.type == "router" && $0.strategy == "learned" && systems.contains($0.name) }
        var embedders: [String: any EmbeddingModel] = [:]
        for name in Set(routers.compactMap { $0.embeddings ?? $0.models?.first }) where config.model(named: name) != nil {
            embedders[name] = try await embeddingModel(named: name, in: config, factory: factory, runtime: runtime)
        }
        return embedders
    }

    /// The configured model `name` as an embedding model (a local one's embedding server started if needed).
    public static func embeddingModel(
        named name: String, in config: QuorumConfig, factory: ModelFactory, runtime: LocalRuntime
    ) async throws -> any EmbeddingModel {
        guard let configured = config.model(named: name) else {
            throw QuorumError(.configuration, "no model '\(name)' in the config to embed prompts with", context: ["model": name])
        }
        guard configured.provider == "local" else { return try factory.makeEmbeddingModel(configured) }
        let server = try runtime.catalog.model(named: configured.model).embeddingServer
        let url = try await runtime.ensureRunning(server)
        return try factory.makeEmbeddingModel(configured.withNotionalPrice(), baseURLOverride: url, modelOverride: server.name)
    }
}

/// A model that could not be built (no API key, …): every call fails with the reason.
struct UnavailableModel: ChatModel {
    let name: String
    let error: QuorumError

    func complete(_ request: ChatRequest) async throws -> Completion { throw error }
}
