import Foundation
import QuorumCore

extension ModelFactory {
    /// The batch client for `config`'s vendor (`openai`, `azure`, `anthropic`), or `nil` for a
    /// vendor without a batch API here (Gemini, local and other OpenAI-compatible servers run
    /// their calls live). Lines are built by the same wire code as live calls, so a batch line's
    /// body is exactly what a live call would send. Throws `.configuration` like `makeModel`.
    public func makeBatchClient(_ config: ModelConfig) throws -> (any BatchClient)? {
        guard let vendor = config.batchVendor else { return nil }
        let key = apiKey(for: config)
        let redactor = Redactor(secrets: [key].compactMap { $0 })
        let base = try baseURL(config, override: nil)
        let price = config.price ?? priceTable.price(for: config.model, provider: config.provider)
        let defaults = config.parameters ?? GenerationParameters()
        func http(_ headers: [(String, String)]) -> BatchHTTP {
            BatchHTTP(client: clients.shared, headers: headers, model: config.name, redactor: redactor)
        }
        switch vendor {
        case "anthropic":
            let auth = try headers(config, key, required: true) { ["x-api-key": $0] }
            let wire = AnthropicWire(
                baseURL: base ?? "https://api.anthropic.com", model: config.model, modelName: config.name, headers: auth,
                redactor: redactor)
            return AnthropicBatchClient(
                wire: wire, http: http(auth + [("anthropic-version", AnthropicWire.version)]), defaults: defaults, price: price)
        case "azure":
            guard let base else {
                throw QuorumError(.configuration, "azure needs base_url (https://RESOURCE.openai.azure.com)", context: ["model": config.name])
            }
            let auth = try headers(config, key, required: true) { ["api-key": $0] }
            // Azure's batch lines name the global-batch deployment in `model`.
            let wire = OpenAIWire(
                url: "", model: config.deployment ?? config.model, modelName: config.name, headers: auth,
                quirks: OpenAIQuirks(), redactor: redactor)
            let layout = OpenAIBatchClient.Layout(
                root: base + "/openai", apiVersion: config.apiVersion ?? "2024-10-21", endpoint: "/chat/completions")
            return OpenAIBatchClient(vendor: vendor, wire: wire, layout: layout, http: http(auth), defaults: defaults, price: price)
        default:
            let root = base ?? "https://api.openai.com/v1"
            let auth = try headers(config, key, required: base == nil) { ["authorization": "Bearer \($0)"] }
            var quirks = ProviderPreset.all["openai"]?.quirks ?? OpenAIQuirks()
            // As for live calls: a custom base_url is any OpenAI-compatible server, which reads `max_tokens`.
            if base != nil { quirks.maxTokensField = "max_tokens" }
            let wire = OpenAIWire(
                url: "", model: config.model, modelName: config.name, headers: auth, quirks: quirks, redactor: redactor)
            let layout = OpenAIBatchClient.Layout(root: root, apiVersion: nil, endpoint: "/v1/chat/completions")
            return OpenAIBatchClient(vendor: vendor, wire: wire, layout: layout, http: http(auth), defaults: defaults, price: price)
        }
    }
}
