import Foundation
import Testing
@testable import QuorumCore

/// Loads YAML text as `test.yaml` with a fixed environment and returns the issues.
func issues(_ yaml: String, environment: [String: String] = [:]) -> [ConfigIssue] {
    ConfigLoader(environment: environment).load(yaml: yaml, file: "test.yaml", directory: nil).issues
}

func errorLines(_ yaml: String) -> [String] {
    issues(yaml).filter { $0.severity == .error }.map(\.description)
}

let validConfig = """
    models:
      - name: small
        provider: local
        model: smollm2-135m
        price: {input: 0.02, output: 0.04}
      - name: large
        provider: local
        model: qwen2.5-coder-1.5b
        price: {input: 0.20, output: 0.40}
      - name: gpt-4.1
        provider: openai
        model: gpt-4.1
        api_key: ${OPENAI_API_KEY}
        price: {input: 2.00, output: 8.00}
        max_concurrency: 16
        rpm: 500
        timeout: 60s
        retries: 4
        parameters: {temperature: 0, max_tokens: 512}
    judges:
      - name: strict
        type: score
        model: large
        threshold: 0.9
    systems:
      - {name: baseline, type: single, model: large}
      - {name: cascade, type: cascade, levels: [small, large], gate: {judge: strict}}
    dataset:
      path: builtin:quick-qa
      limit: 50
    experiment:
      name: quickstart
      systems: [baseline, cascade]
      baseline: baseline
      scoring: {verifier: auto}
      concurrency: 8
      budget_usd: 5
      store: sqlite:quorum.db
    """

@Suite("Config loading")
struct ConfigLoaderTests {
    /// Eight levels of anchors, each a list of ten aliases of the one before: 10⁹ values in 9 lines.
    static let aliasLevels: [String] = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"] + (1...8).map { level in
        "a\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ") + "]"
    }

    @Test("a config whose aliases repeat aliases ('billion laughs', 523 bytes) is refused at once, not walked for hours (found by fuzzing)")
    func aliasBomb() {
        let lines = Self.aliasLevels + ["models: *a8"]
        let result = ConfigLoader(environment: [:]).load(yaml: lines.joined(separator: "\n"), file: "bomb.yaml", directory: nil)
        #expect(result.config == nil)
        #expect(result.issues.map(\.message) == ["the YAML expands to more than 200000 values: are aliases repeating aliases?"])
    }

    @Test("an alias used as a mapping key is refused before YAML composes it (found by fuzzing: Yams hashes the whole expansion)")
    func aliasAsKey() {
        let lines = Self.aliasLevels + ["*a8: models"]
        let result = ConfigLoader(environment: [:]).load(yaml: lines.joined(separator: "\n"), file: "key.yaml", directory: nil)
        #expect(result.config == nil)
        #expect(result.issues.map(\.description) == ["key.yaml:10: a mapping key holds an alias (*name): use a plain key"])
        let plain = "defaults: &defaults {temperature: 0}\nmodels:\n  - {name: m, provider: openai, model: x, parameters: *defaults}\n"
        #expect(issues(plain).allSatisfy { !$0.message.contains("alias") })
        // The fuzzer's input: invalid YAML whose error comes after an alias key in a flow sequence.
        let flow = (Self.aliasLevels + ["b: [*a7, *a7: The fmotels: *a8"]).joined(separator: "\n")
        #expect(issues(flow).map(\.message).allSatisfy { $0.hasPrefix("invalid YAML") })
    }

    @Test("the canonical example loads with every field in place")
    func canonicalExample() throws {
        let result = ConfigLoader(environment: ["OPENAI_API_KEY": "sk-test"])
            .load(yaml: validConfig, file: "test.yaml", directory: nil)
        #expect(result.issues.isEmpty, "\(result.issues)")
        let config = try #require(result.config)
        #expect(config.models.count == 3)
        let gpt = try #require(config.model(named: "gpt-4.1"))
        #expect(gpt.apiKey == "sk-test")
        #expect(gpt.timeout?.seconds == 60)
        #expect(gpt.parameters?.maxTokens == 512)
        #expect(gpt.price?.input == USD(string: "2.00"))
        #expect(config.system(named: "cascade")?.levels == [.model("small"), .model("large")])
        #expect(config.experiment?.budgetUSD == USD(5))
    }

    @Test("${VAR:-default} takes the default and an unset ${VAR} is a warning, not an error")
    func environmentExpansion() throws {
        let yaml = """
            models:
              - name: m
                provider: ${PROVIDER:-openai}
                model: gpt-4.1
                api_key: ${MISSING_KEY}
            """
        let result = ConfigLoader(environment: [:]).load(yaml: yaml, file: "test.yaml", directory: nil)
        let model = try #require(result.config?.models.first)
        #expect(model.provider == "openai")
        #expect(model.apiKey == nil)
        #expect(result.issues.map(\.description) == ["test.yaml:5: warning: environment variable MISSING_KEY is not set"])
    }

    @Test("a .env file beside the config supplies variables; the process environment wins")
    func dotEnv() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(UUID().uuidString)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try "export KEY=from-dotenv\nOTHER='quoted value'\n# comment\n".write(
            to: directory.appendingPathComponent(".env"), atomically: true, encoding: .utf8)
        let yaml = "models:\n  - {name: a, provider: openai, model: x, api_key: \"${KEY}\", base_url: \"http://h/${OTHER}\"}\n"
        let fromFile = ConfigLoader(environment: [:]).load(yaml: yaml, file: "c.yaml", directory: directory)
        #expect(fromFile.config?.models.first?.apiKey == "from-dotenv")
        #expect(fromFile.config?.models.first?.baseURL == "http://h/quoted value")
        let overridden = ConfigLoader(environment: ["KEY": "from-env"]).load(yaml: yaml, file: "c.yaml", directory: directory)
        #expect(overridden.config?.models.first?.apiKey == "from-env")
    }

    @Test("an empty file is an empty configuration")
    func emptyFile() {
        #expect(issues("").isEmpty)
    }

    @Test("a missing file is reported by name")
    func missingFile() {
        #expect(throws: ConfigValidationError.self) { try ConfigLoader().load(path: "/nonexistent/quorum.yaml") }
        do {
            _ = try ConfigLoader().load(path: "/nonexistent/quorum.yaml")
        } catch {
            #expect(error.description.contains("/nonexistent/quorum.yaml: no such file"))
        }
    }
}

@Suite("Config redaction")
struct ConfigRedactionTests {
    @Test("a redacted configuration keeps no API key, header value or server key")
    func noSecretsSurvive() throws {
        var config = try #require(
            ConfigLoader(environment: ["OPENAI_API_KEY": "sk-secret-123"])
                .load(yaml: validConfig, file: "t.yaml", directory: nil).config)
        config.models[0].headers = ["Authorization": "Bearer sk-secret-123"]
        config.server = ServerConfig()
        config.server?.apiKeys = ["server-secret"]
        let encoded = String(decoding: try JSONEncoder().encode(config.redacted()), as: UTF8.self)
        #expect(!encoded.contains("sk-secret-123"))
        #expect(!encoded.contains("server-secret"))
        #expect(encoded.contains("<redacted>"))
        #expect(config.redacted().model(named: "small")?.apiKey == nil)
    }
}
