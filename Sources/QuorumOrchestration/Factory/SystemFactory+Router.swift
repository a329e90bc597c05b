import Foundation
import QuorumCore

extension SystemFactory {
    func makeRouter(_ system: SystemConfig, _ location: String, _ state: inout BuildState) throws -> any AnswerSystem {
        if system.strategy == "learned" { return try makeLearnedRouter(system, location, &state) }
        var routes: [RouterSystem.Route] = []
        for (index, route) in (system.routes ?? []).enumerated() {
            let here = "\(location).routes[\(index)]"
            var conditions: [RouterSystem.Condition] = []
            for (key, value) in route.when.sorted(by: { $0.key < $1.key }) {
                switch key {
                case "category": conditions.append(.category(value))
                case "tag": conditions.append(.tag(value))
                case "prompt_regex": conditions.append(.promptRegex(value))
                default: throw Self.unvalidated(here + ".when.\(key)", "unknown condition")
                }
            }
            let target = try responder(route.system, parameters: system.parameters, from: here + ".system", &state)
            routes.append(.init(conditions: conditions, responder: target))
        }
        let fallbackName = try required(system.default, "default", at: location)
        let fallback = try responder(fallbackName, parameters: system.parameters, from: location + ".default", &state)
        return RouterSystem(name: system.name, routes: routes, fallback: fallback)
    }

    /// `strategy: learned`: the router file (relative to the config file) over `models:`, cheapest first.
    /// A missing or unreadable file is not a build error, so the rest of the config still runs: the
    /// router says so when it is asked, naming the file and the command that makes it.
    func makeLearnedRouter(_ system: SystemConfig, _ location: String, _ state: inout BuildState) throws -> any AnswerSystem {
        let names = try required(system.models, "models", at: location)
        let file = try required(system.router, "router", at: location)
        var responders: [Responder] = []
        for (index, name) in names.enumerated() {
            responders.append(try responder(name, parameters: system.parameters, from: "\(location).models[\(index)]", &state))
        }
        guard let embedderName = system.embeddings ?? names.first else {
            throw Self.unvalidated(location + ".models", "a learned router needs models to choose among")
        }
        let path = Self.resolve(file, besides: config.sourcePath)
        let router: Result<RouterModel, QuorumError>
        do {
            let model = try RouterModel.load(from: path)
            guard model.models == names else {
                throw QuorumError(
                    .configuration,
                    "\(path) was trained for models \(model.models.joined(separator: ", ")), but '\(system.name)' lists "
                        + names.joined(separator: ", ") + "; retrain it with `quorum router train`",
                    context: ["system": system.name, "file": path])
            }
            router = .success(model)
        } catch let error as QuorumError {
            router = .failure(error)
        } catch {
            router = .failure(QuorumError(.configuration, "\(path): \(error)", context: ["file": path]))
        }
        if case .success(let model) = router, model.embeddings != embedderName {
            throw QuorumError(
                .configuration,
                "\(location).embeddings: \(path) was trained on embeddings from '\(model.embeddings)', not '\(embedderName)'; "
                    + "vectors of two models do not compare",
                context: ["system": system.name, "file": path])
        }
        let embedder = embedders[embedderName] ?? MissingEmbedder(name: embedderName)
        return LearnedRouterSystem(
            name: system.name, responders: responders, router: router, embedder: embedder,
            threshold: system.threshold ?? LearnedRouterSystem.defaultThreshold,
            gate: try system.gate.map { try makeGate($0, location + ".gate", state) })
    }

    /// `file` as written in the config: absolute, or relative to the config file's folder.
    public static func resolve(_ file: String, besides configPath: String?) -> String {
        guard !file.hasPrefix("/"), let configPath else { return file }
        return URL(fileURLWithPath: configPath).deletingLastPathComponent().appendingPathComponent(file).path
    }
}

/// The embedder of a learned router the command did not build: asking it says so.
struct MissingEmbedder: EmbeddingModel {
    let name: String

    func embed(_ texts: [String]) async throws -> Embeddings {
        throw QuorumError(.configuration, "no embeddings model '\(name)' was built for this command", context: ["model": name])
    }
}
