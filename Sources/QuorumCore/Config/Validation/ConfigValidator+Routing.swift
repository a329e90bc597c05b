/// Rules for `deployments:`, `routing:`, `cooldown:`, `fallbacks:` and `context_window_fallbacks:`.
extension ConfigValidator {
    mutating func checkRouting(_ model: ModelConfig, at path: String) {
        checkWord(model.routing, in: ConfigVocabulary.routingStrategies, at: "\(path).routing", what: "routing strategy")
        checkPositive(model.contextWindow, at: "\(path).context_window")
        if let deployments = model.deployments {
            if deployments.isEmpty {
                error("\(path).deployments", "no deployments listed; list at least one, or leave deployments out")
            }
            var seen: [String: Int] = [:]
            for (index, deployment) in deployments.enumerated() {
                let at = "\(path).deployments[\(index)]"
                check(deployment, of: model, at: at)
                let label = deployment.label(in: model)
                if let first = seen[label] {
                    error("\(at).name", "deployment '\(label)' is also deployments[\(first)]; give each a distinct name:")
                } else {
                    seen[label] = index
                }
            }
        }
        if let cooldown = model.cooldown {
            checkPositive(cooldown.failures, at: "\(path).cooldown.failures")
            if cooldown.window.seconds <= 0 { error("\(path).cooldown.window", "must be longer than 0s") }
            if cooldown.duration.seconds <= 0 { error("\(path).cooldown.for", "must be longer than 0s") }
        }
        for (key, names) in [("fallbacks", model.fallbacks), ("context_window_fallbacks", model.contextWindowFallbacks)] {
            for (index, name) in (names ?? []).enumerated() {
                if name == model.name {
                    error("\(path).\(key)[\(index)]", "a model cannot fall back to itself")
                } else {
                    checkReference(name, among: modelNames, at: "\(path).\(key)[\(index)]", what: "model")
                }
            }
        }
    }

    private mutating func check(_ deployment: DeploymentConfig, of model: ModelConfig, at path: String) {
        let provider = deployment.provider ?? model.provider
        checkWord(deployment.provider, in: ConfigVocabulary.providers, at: "\(path).provider", what: "provider")
        if provider == "local" { error("\(path).provider", "a local model is one server; it cannot be a deployment") }
        if provider == "azure", (deployment.baseURL ?? model.baseURL) == nil {
            error("\(path).base_url", "azure needs base_url (https://RESOURCE.openai.azure.com)")
        }
        if let weight = deployment.weight, weight < 0 { error("\(path).weight", "must not be negative, found \(weight)") }
        checkPositive(deployment.retries, at: "\(path).retries", allowZero: true)
        checkPositive(deployment.maxConcurrency, at: "\(path).max_concurrency")
        checkPositive(deployment.rpm, at: "\(path).rpm")
        checkPositive(deployment.tpm, at: "\(path).tpm")
        if let timeout = deployment.timeout, timeout.seconds <= 0 { error("\(path).timeout", "must be longer than 0s") }
    }

    /// Fallbacks are followed one level only at run time, but a cycle is always a mistake worth naming.
    mutating func checkFallbackCycles() {
        let edges = Dictionary(
            config.models.map { ($0.name, ($0.fallbacks ?? []) + ($0.contextWindowFallbacks ?? [])) },
            uniquingKeysWith: { first, _ in first })
        var reported: Set<String> = []
        for (index, model) in config.models.enumerated() {
            guard let cycle = Self.cycle(from: model.name, edges: edges), !reported.contains(model.name) else { continue }
            reported.formUnion(cycle)
            error("models[\(index)].fallbacks", "fallbacks form a cycle: \((cycle + [cycle[0]]).joined(separator: " → "))")
        }
    }

    /// The first cycle through `start`, as the names along it, or `nil`.
    private static func cycle(from start: String, edges: [String: [String]]) -> [String]? {
        var path: [String] = []
        var visited: Set<String> = []
        func walk(_ name: String) -> [String]? {
            if name == start, !path.isEmpty { return path }
            guard visited.insert(name).inserted else { return nil }
            path.append(name)
            for next in edges[name] ?? [] where next != name {
                if let found = walk(next) { return found }
            }
            path.removeLast()
            return nil
        }
        return walk(start)
    }
}

extension DeploymentConfig {
    /// The name traces and metrics use: `name:`, else `provider[-region]` (the model's provider when left out).
    public func label(in model: ModelConfig) -> String {
        if let name, !name.isEmpty { return name }
        return [provider ?? model.provider, region].compactMap { $0 }.joined(separator: "-")
    }
}
