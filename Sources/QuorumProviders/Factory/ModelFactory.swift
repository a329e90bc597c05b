import AsyncHTTPClient
import Foundation
import Logging
import QuorumCore

/// Turns `models:` entries of a config into `ChatModel`s: the one entry point the rest of Quorum uses.
///
/// Build one factory per process and make every model through it: models made from the same
/// config entry share one `ModelLimiter`, so limits hold across systems. All models share the
/// `HTTPClients` passed in (their lifetime is the caller's).
public struct ModelFactory: Sendable {
    let clients: HTTPClients
    private let logger: Logger
    let environment: [String: String]
    private let limiters = LimiterRegistry()
    let priceTable: PriceTable
    private let retryPolicy: RetryPolicy
    /// The time cooldowns of deployments are measured by; tests pass one they move by hand.
    public var routingClock: RoutingClock = .continuous
    /// The draws of `routing: simple-shuffle`; tests pass a seeded one.
    public var routingRandom = RoutingRandom()

    /// A factory; `environment` supplies API keys a config leaves out (`OPENAI_API_KEY`, …);
    /// `retryPolicy` gives the backoff (a config's `retries` sets the attempts).
    public init(
        clients: HTTPClients, logger: Logger, environment: [String: String] = ProcessInfo.processInfo.environment,
        priceTable: PriceTable = .builtIn, retryPolicy: RetryPolicy = RetryPolicy()
    ) {
        self.retryPolicy = retryPolicy
        self.clients = clients
        self.logger = logger
        self.environment = environment
        self.priceTable = priceTable
    }

    /// A factory whose models all call through `httpClient`.
    public init(
        httpClient: HTTPClient, logger: Logger, environment: [String: String] = ProcessInfo.processInfo.environment,
        priceTable: PriceTable = .builtIn, retryPolicy: RetryPolicy = RetryPolicy()
    ) {
        self.init(
            clients: HTTPClients(shared: httpClient), logger: logger, environment: environment, priceTable: priceTable,
            retryPolicy: retryPolicy)
    }

    /// Every `provider:` value this factory understands.
    public static var providers: [String] {
        (Array(ProviderPreset.all.keys) + ["azure", "anthropic", "gemini", "local"]).sorted()
    }

    /// The model for `config`. `provider: local` is the `llamacpp` preset; pass the local
    /// runtime's server URL (e.g. `http://127.0.0.1:8081/v1`) as `baseURLOverride`, which wins
    /// over `base_url` for any provider. Throws `.configuration` for an unknown provider, a
    /// missing key or a bad URL.
    public func makeModel(_ config: ModelConfig, baseURLOverride: URL? = nil) throws -> any ChatModel {
        if let deployments = config.deployments, !deployments.isEmpty { return try routedModel(config) }
        let key = apiKey(for: config)
        let redactor = Redactor(secrets: [key].compactMap { $0 })
        let transport = HTTPTransport(
            clients: clients, logger: logger, model: config.name, redactor: redactor)
        let base = try baseURL(config, override: baseURLOverride)
        switch config.provider {
        case "anthropic":
            let wire = AnthropicWire(
                baseURL: base ?? "https://api.anthropic.com", model: config.model, modelName: config.name,
                headers: try headers(config, key, required: true) { ["x-api-key": $0] }, redactor: redactor)
            return chatModel(config, wire: wire, transport: transport, counter: nil)
        case "gemini":
            let wire = GeminiWire(
                baseURL: base ?? "https://generativelanguage.googleapis.com/v1beta", model: config.model,
                modelName: config.name, headers: try headers(config, key, required: true) { ["x-goog-api-key": $0] },
                redactor: redactor)
            return chatModel(config, wire: wire, transport: transport, counter: nil)
        case "azure":
            guard let base else { throw configurationError(config, "azure needs base_url (https://RESOURCE.openai.azure.com)") }
            let deployment = config.deployment ?? config.model
            let version = config.apiVersion ?? "2024-10-21"
            let wire = OpenAIWire(
                url: "\(base)/openai/deployments/\(deployment)/chat/completions?api-version=\(version)",
                model: config.model, modelName: config.name,
                headers: try headers(config, key, required: true) { ["api-key": $0] }, quirks: OpenAIQuirks(),
                redactor: redactor)
            return chatModel(config, wire: wire, transport: transport, counter: nil)
        default:
            return try openAICompatible(config, key: key, base: base, transport: transport, redactor: redactor)
        }
    }

    private func openAICompatible(
        _ config: ModelConfig, key: String?, base: String?, transport: HTTPTransport, redactor: Redactor
    ) throws -> any ChatModel {
        let presetName = config.provider == "local" ? "llamacpp" : config.provider
        guard let preset = ProviderPreset.all[presetName] else {
            let known = Self.providers.joined(separator: ", ")
            throw configurationError(config, "unknown provider '\(config.provider)'; known: \(known)")
        }
        let root = base ?? preset.baseURL
        // A custom base_url on the `openai` preset is "any OpenAI-compatible server": keep `max_tokens`, need no key.
        let isCustomServer = config.provider == "openai" && base != nil
        var quirks = preset.quirks
        if isCustomServer { quirks.maxTokensField = "max_tokens" }
        let auth = try headers(config, key, required: preset.requiresKey && !isCustomServer) {
            ["authorization": "Bearer \($0)"]
        }
        let wire = OpenAIWire(
            url: root + "/chat/completions", model: config.model, modelName: config.name, headers: auth,
            quirks: quirks, redactor: redactor)
        let counter = quirks.countsStreamUsage
            ? TokenCounter(root: Self.serverRoot(root), model: config.model, headers: auth, client: clients.shared, timeout: 60)
            : nil
        return chatModel(config, wire: wire, transport: transport, counter: counter)
    }

    private func chatModel<Wire: WireProtocol>(
        _ config: ModelConfig, wire: Wire, transport: HTTPTransport, counter: TokenCounter?
    ) -> HTTPChatModel<Wire> {
        HTTPChatModel(
            name: config.name, wire: wire, transport: transport, settings: settings(config),
            price: config.price ?? priceTable.price(for: config.model, provider: config.provider),
            limiter: limiters.limiter(for: config), tokenCounter: counter,
            logger: logger)
    }

    /// The call settings a config entry asks for.
    func settings(_ config: ModelConfig) -> CallSettings {
        var settings = CallSettings(defaults: config.parameters ?? GenerationParameters(), retry: retryPolicy)
        if let timeout = config.timeout { settings.timeout = timeout.seconds }
        if let idle = config.streamIdleTimeout { settings.streamIdleTimeout = idle.seconds }
        if let retries = config.retries {
            settings.retry.maxAttempts = max(0, retries) + 1
        } else if config.canFallBack {
            // A model that can fall back moves on instead of retrying, unless its config asks for retries.
            settings.retry.maxAttempts = 1
        }
        return settings
    }

    func apiKey(for config: ModelConfig) -> String? {
        if let key = config.apiKey, !key.isEmpty { return key }
        let variable: String? = switch config.provider {
        case "anthropic": "ANTHROPIC_API_KEY"
        case "gemini": "GEMINI_API_KEY"
        case "azure": "AZURE_OPENAI_API_KEY"
        default: ProviderPreset.all[config.provider]?.keyVariable
        }
        return variable.flatMap { environment[$0] }.flatMap { $0.isEmpty ? nil : $0 }
    }

    /// Auth headers from `key` plus the config's own headers (OpenRouter's `HTTP-Referer`, `X-Title`).
    func headers(
        _ config: ModelConfig, _ key: String?, required: Bool, auth: (String) -> [String: String]
    ) throws -> [(String, String)] {
        var result: [(String, String)] = []
        if let key {
            result += auth(key).map { ($0.key, $0.value) }
        } else if required {
            throw configurationError(config, "no API key: set api_key for this model")
        }
        result += (config.headers ?? [:]).sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        return result
    }

    func baseURL(_ config: ModelConfig, override: URL?) throws -> String? {
        guard let text = override?.absoluteString ?? config.baseURL else { return nil }
        guard let url = URL(string: text), let scheme = url.scheme, ["http", "https"].contains(scheme), url.host != nil
        else {
            throw configurationError(config, "base_url '\(text)' is not an http(s) URL")
        }
        return text.hasSuffix("/") ? String(text.dropLast()) : text
    }

    /// `http://host:port/v1` → `http://host:port` (llama.cpp's tokenizer lives at the root).
    static func serverRoot(_ base: String) -> String {
        base.hasSuffix("/v1") ? String(base.dropLast(3)) : base
    }

    private func configurationError(_ config: ModelConfig, _ message: String) -> QuorumError {
        QuorumError(.configuration, message, context: ["model": config.name, "provider": config.provider])
    }
}
