import Testing
@testable import QuorumCore

@Suite("Config: deployments and fallbacks")
struct RoutingConfigTests {
    @Test("deployments, routing, cooldown and both kinds of fallbacks read from YAML")
    func reads() throws {
        let yaml = """
            models:
              - name: gpt
                provider: openai
                model: gpt-4o
                routing: least-busy
                cooldown: {failures: 2, window: 30s, for: 10s}
                fallbacks: [claude]
                context_window_fallbacks: [claude]
                deployments:
                  - {name: oai, api_key: k1, weight: 2}
                  - {provider: azure, base_url: "https://r.openai.azure.com", api_key_env: AZ_KEY, region: eastus}
              - {name: claude, provider: anthropic, model: claude-sonnet-4, api_key: x, context_window: 150000}
            """
        #expect(errorLines(yaml).isEmpty)
        let config = try #require(ConfigLoader(environment: [:]).load(yaml: yaml, file: "test.yaml", directory: nil).config)
        let gpt = try #require(config.model(named: "gpt"))
        #expect(gpt.routing == "least-busy")
        #expect(gpt.cooldown?.failures == 2)
        #expect(gpt.cooldown?.duration.seconds == 10)
        #expect(gpt.deployments?.map { $0.label(in: gpt) } == ["oai", "azure-eastus"])
        #expect(config.model(named: "claude")?.contextWindow == 150_000)
        #expect(config.redacted().models[0].deployments?[0].apiKey == QuorumConfig.redactedPlaceholder)
        #expect(config.modelNames(neededBy: ["gpt"]).sorted() == ["claude", "gpt"])
    }

    @Test("bad routing config is named by file and line")
    func badConfig() {
        let yaml = """
            models:
              - name: a
                provider: openai
                model: gpt-4o
                routing: round-robin
                fallbacks: [b, nope]
                deployments: []
              - name: b
                provider: openai
                model: gpt-4o
                fallbacks: [a]
                cooldown: {failures: 0}
              - name: c
                provider: openai
                model: gpt-4o
                context_window_fallbacks: [c]
                deployments:
                  - {name: x, weight: -1}
                  - {name: x}
            """
        let lines = errorLines(yaml)
        #expect(lines.contains { $0.hasPrefix("test.yaml:5: models[0].routing: unknown routing strategy 'round-robin'") })
        #expect(lines.contains { $0.hasPrefix("test.yaml:6: models[0].fallbacks[1]: no model named 'nope'") })
        #expect(lines.contains { $0.hasPrefix("test.yaml:7: models[0].deployments: no deployments listed") })
        #expect(lines.contains { $0.hasPrefix("test.yaml:6: models[0].fallbacks: fallbacks form a cycle: a → b → a") })
        #expect(lines.contains { $0.hasPrefix("test.yaml:12: models[1].cooldown.failures:") })
        #expect(lines.contains { $0.hasPrefix("test.yaml:16: models[2].context_window_fallbacks[0]: a model cannot fall back to itself") })
        #expect(lines.contains { $0.hasPrefix("test.yaml:18: models[2].deployments[0].weight:") })
        #expect(lines.contains { $0.hasPrefix("test.yaml:19: models[2].deployments[1].name: deployment 'x' is also deployments[0]") })
        #expect(lines.count == 8)
    }
}
