extension QuorumConfig {
    /// The placeholder that replaces every secret in a stored or printed configuration.
    public static let redactedPlaceholder = "<redacted>"

    /// This configuration with API keys and credential-bearing headers replaced, safe to store,
    /// log or send to a tracking server.
    public func redacted() -> QuorumConfig {
        var copy = self
        copy.models = models.map { model in
            var model = model
            if model.apiKey != nil { model.apiKey = Self.redactedPlaceholder }
            model.headers = model.headers?.mapValues { _ in Self.redactedPlaceholder }
            model.deployments = model.deployments?.map { deployment in
                var deployment = deployment
                if deployment.apiKey != nil { deployment.apiKey = Self.redactedPlaceholder }
                deployment.headers = deployment.headers?.mapValues { _ in Self.redactedPlaceholder }
                return deployment
            }
            return model
        }
        if copy.server?.apiKeys != nil { copy.server?.apiKeys = [Self.redactedPlaceholder] }
        return copy
    }
}
