import Foundation
import QuorumCore

extension SystemFactory {
    func makeRouter(_ system: SystemConfig, _ location: String, _ state: inout BuildState) -> (any AnswerSystem)? {
        if system.strategy == "learned" { return makeLearnedRouter(system, location, &state) }
        guard let fallbackName = require(system.default, "default", location, &state) else { return nil }
        var routes: [RouterSystem.Route] = []
        for (index, route) in (system.routes ?? []).enumerated() {
            let here = "\(location).routes[\(index)]"
            var conditions: [RouterSystem.Condition] = []
            for (key, value) in route.when.sorted(by: { $0.key < $1.key }) {
                switch key {
                case "category": conditions.append(.category(value))
                case "tag": conditions.append(.tag(value))
                case "prompt_regex":
                    if (try? NSRegularExpression(pattern: value)) == nil {
                        state.problem(here + ".when.prompt_regex", "/\(value)/ is not a valid regular expression")
                    }
                    conditions.append(.promptRegex(value))
                default: state.problem(here + ".when.\(key)", "unknown condition (use category, tag or prompt_regex)")
                }
            }
            if route.when.isEmpty { state.problem(here + ".when", "a route needs at least one condition") }
            if let target = responder(route.system, parameters: system.parameters, from: here + ".system", &state) {
                routes.append(.init(conditions: conditions, responder: target))
            }
        }
        guard let fallback = responder(fallbackName, parameters: system.parameters, from: location + ".default", &state),
            routes.count == (system.routes ?? []).count
        else { return nil }
        return RouterSystem(name: system.name, routes: routes, fallback: fallback)
    }

    /// `strategy: learned`: the router file (relative to the config file) over `models:`, cheapest first.
    /// A missing or unreadable file is not a build error, so the rest of the config still runs: the
    /// router says so when it is asked, naming the file and the command that makes it.
    func makeLearnedRouter(_ system: SystemConfig, _ location: String, _ state: inout BuildState) -> (any AnswerSystem)? {
        guard let names = require(system.models, "models", location, &state),
            let file = require(system.router, "router", location, &state)
        else { return nil }
        if names.count < 2 { state.problem(location + ".models", "a learned router needs at least two models") }
        let responders = names.enumerated().compactMap { index, name in
            responder(name, parameters: system.parameters, from: "\(location).models[\(index)]", &state)
        }
        guard responders.count == names.count, names.count >= 2 else { return nil }
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
        let embedderName = system.embeddings ?? names[0]
        if case .success(let model) = router, model.embeddings != embedderName {
            state.problem(
                location + ".embeddings",
                "\(path) was trained on embeddings from '\(model.embeddings)', not '\(embedderName)'; vectors of two models do not compare")
        }
        let embedder = embedders[embedderName] ?? MissingEmbedder(name: embedderName)
        let gate = system.gate.flatMap { makeGate($0, location + ".gate", &state) }
        guard system.gate == nil || gate != nil else { return nil }
        return LearnedRouterSystem(
            name: system.name, responders: responders, router: router, embedder: embedder,
            threshold: system.threshold ?? LearnedRouterSystem.defaultThreshold, gate: gate)
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
