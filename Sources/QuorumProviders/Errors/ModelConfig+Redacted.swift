import QuorumCore

extension ModelConfig {
    /// This config as it may be stored, traced or printed: the API key and any credential-bearing
    /// header (`Authorization`, `api-key`, `x-api-key`, `x-goog-api-key`, …) replaced by `<redacted>`.
    public var redactingSecrets: ModelConfig {
        var copy = self
        if copy.apiKey != nil { copy.apiKey = Redactor.placeholder }
        copy.headers = headers?.reduce(into: [:]) { result, header in
            let name = header.key.lowercased()
            let secret = name.contains("authorization") || name.contains("key") || name.contains("token")
            result[header.key] = secret ? Redactor.placeholder : header.value
        }
        copy.deployments = deployments?.map { deployment in
            var deployment = deployment
            if deployment.apiKey != nil { deployment.apiKey = Redactor.placeholder }
            deployment.headers = deployment.headers?.mapValues { _ in Redactor.placeholder }
            return deployment
        }
        return copy
    }
}
