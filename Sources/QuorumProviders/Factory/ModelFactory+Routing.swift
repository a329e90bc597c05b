import QuorumCore

extension ModelFactory {
    /// The `RoutedModel` over the `deployments:` of `config`, without fallbacks (`addingFallbacks` adds them).
    func routedModel(_ config: ModelConfig) throws -> RoutedModel {
        let deployments = try (config.deployments ?? []).map { entry in
            let merged = deploymentConfig(entry, of: config)
            return Deployment(
                label: entry.label(in: config), model: try makeModel(merged), weight: entry.weight ?? 1,
                price: price(of: merged))
        }
        return RoutedModel(name: config.name, primary: pool(config, deployments: deployments), fallbacks: [], contextWindowFallbacks: [])
    }

    /// `models` with every model that has `fallbacks:` or `context_window_fallbacks:` wrapped in a
    /// `RoutedModel` over them. Call it once, after every model of `configs` was built.
    ///
    /// A fallback is tried through its own deployments only: fallbacks of fallbacks are not
    /// followed, so one call reaches each model at most once. A model and the models falling back
    /// to it share one pool of deployments, hence one record of their health.
    public func addingFallbacks(to models: [String: any ChatModel], configs: [ModelConfig]) -> [String: any ChatModel] {
        var pools: [String: DeploymentPool] = [:]
        func pool(named name: String) -> DeploymentPool? {
            if let known = pools[name] { return known }
            guard let model = models[name], let config = configs.first(where: { $0.name == name }) else { return nil }
            let made = (model as? RoutedModel)?.primary ?? self.pool(
                config, deployments: [Deployment(label: config.provider, model: model, weight: 1, price: price(of: config))])
            pools[name] = made
            return made
        }
        var result = models
        for config in configs where config.canFallBack {
            guard let primary = pool(named: config.name) else { continue }
            result[config.name] = RoutedModel(
                name: config.name, primary: primary, fallbacks: (config.fallbacks ?? []).compactMap(pool(named:)),
                contextWindowFallbacks: (config.contextWindowFallbacks ?? []).compactMap(pool(named:)))
        }
        return result
    }

    /// The model entry a deployment stands for: its own fields over the model's. A deployment on
    /// another provider keeps nothing vendor-specific of the model's (URL, key, headers, Azure names).
    func deploymentConfig(_ deployment: DeploymentConfig, of model: ModelConfig) -> ModelConfig {
        var merged = model
        merged.name = "\(model.name)/\(deployment.label(in: model))"
        merged.deployments = nil
        merged.fallbacks = nil
        merged.contextWindowFallbacks = nil
        if let provider = deployment.provider, provider != model.provider {
            merged.provider = provider
            (merged.baseURL, merged.apiKey, merged.headers, merged.deployment, merged.apiVersion) = (nil, nil, nil, nil, nil)
        }
        merged.model = deployment.model ?? merged.model
        merged.baseURL = deployment.baseURL ?? merged.baseURL
        merged.apiKey = deployment.apiKey ?? deployment.apiKeyEnv.flatMap { environment[$0] } ?? merged.apiKey
        merged.deployment = deployment.deployment ?? merged.deployment
        merged.apiVersion = deployment.apiVersion ?? merged.apiVersion
        merged.price = deployment.price ?? merged.price
        merged.maxConcurrency = deployment.maxConcurrency ?? merged.maxConcurrency
        merged.rpm = deployment.rpm ?? merged.rpm
        merged.tpm = deployment.tpm ?? merged.tpm
        merged.timeout = deployment.timeout ?? merged.timeout
        merged.headers = deployment.headers ?? merged.headers
        // Moving to the next deployment is the retry; a deployment retries only when told to.
        merged.retries = deployment.retries ?? model.retries ?? 0
        return merged
    }

    private func pool(_ config: ModelConfig, deployments: [Deployment]) -> DeploymentPool {
        DeploymentPool(
            model: config.name, deployments: deployments,
            strategy: config.routing.flatMap(RoutingStrategy.init(rawValue:)) ?? .simpleShuffle,
            cooldown: config.cooldown ?? .standard,
            contextWindow: config.contextWindow ?? priceTable.contextWindow(for: config.model),
            clock: routingClock, random: routingRandom)
    }

    private func price(of config: ModelConfig) -> Price? {
        config.price ?? priceTable.price(for: config.model, provider: config.provider)
    }
}

extension ModelConfig {
    /// Whether calls may move on to other models (`fallbacks:` or `context_window_fallbacks:`).
    var canFallBack: Bool {
        !(fallbacks ?? []).isEmpty || !(contextWindowFallbacks ?? []).isEmpty
    }
}
