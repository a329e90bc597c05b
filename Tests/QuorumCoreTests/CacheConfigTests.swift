import Testing
@testable import QuorumCore

@Suite("Config: cache")
struct CacheConfigTests {
    @Test("cache: on a model and a system reads as written; true means the defaults, false turns it off")
    func decodes() throws {
        let yaml = """
            models:
              - {name: small, provider: local, model: smollm2-135m, cache: {ttl: 1h, max_entries: 500}}
              - {name: large, provider: local, model: qwen2.5-coder-1.5b, cache: false}
            systems:
              - {name: ladder, type: cascade, levels: [small, large], gate: {verifier: numeric}, cache: true}
            """
        #expect(errorLines(yaml) == [])
        let config = try #require(ConfigLoader(environment: [:]).load(yaml: yaml, file: "test.yaml", directory: nil).config)
        #expect(config.models[0].cache == CacheConfig(ttl: ConfigDuration(seconds: 3600), maxEntries: 500))
        #expect(config.models[1].cache?.isEnabled == false)
        #expect(config.systems[0].cache?.isEnabled == true)
    }

    @Test("a bad cache: is named with its file, line and key", arguments: [
        ("cache: {ttl: 0s}", "test.yaml:5: models[0].cache.ttl: must be longer than 0s"),
        ("cache: {ttl: soon}", "test.yaml:5: models[0].cache.ttl: expected a duration like 60s, 500ms or 2m, found 'soon'"),
        ("cache: {max_entries: 0}", "test.yaml:5: models[0].cache.max_entries: must be at least 1, found 0"),
        ("cache: {tll: 1h}", "test.yaml:5: models[0].cache.tll: unknown key (did you mean 'ttl'?)"),
    ])
    func badCache(line: String, expected: String) {
        let yaml = """
            models:
              - name: small
                provider: local
                model: smollm2-135m
                \(line)
            """
        let lines = errorLines(yaml)
        #expect(lines.count == 1)
        #expect(lines.first?.hasPrefix(expected) == true, "\(lines)")
    }
}
