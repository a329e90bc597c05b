import Testing
@testable import QuorumCore

@Suite("Config validation")
struct ConfigValidationTests {
    @Test("an unknown key is named with its line and a did-you-mean")
    func unknownKey() {
        let yaml = """
            models:
              - name: small
                provider: local
                model: smollm2-135m
                prize: {input: 1, output: 2}
            """
        #expect(errorLines(yaml) == ["test.yaml:5: models[0].prize: unknown key (did you mean 'price'?)"])
    }

    @Test("a confidence gate over a provider without logprobs, a bad signal or threshold is named where written")
    func confidenceGate() {
        let yaml = """
            models:
              - {name: small, provider: local, model: qwen2.5-coder-0.5b}
              - {name: claude, provider: anthropic, model: claude-sonnet-4, api_key: x}
            systems:
              - name: c
                type: cascade
                levels: [small, claude]
                gate: {confidence: {signal: mean, threshold: -0.4}}
              - name: d
                type: cascade
                levels: [small, small]
                gate: {confidence: {signal: quantile, threshold: 0.3}}
              - {name: e, type: cascade, levels: [small, small], gate: {confidence: {signal: entropy, threshold: 0.2}}}
              - {name: f, type: cascade, levels: [small, small], gate: {confidence: {signal: total, threshold: -2}}}
            """
        let lines = errorLines(yaml)
        #expect(lines.contains { $0.hasPrefix("test.yaml:7: systems[0].levels[1]:") && $0.contains("gives no token logprobs") })
        #expect(lines.contains { $0.contains("systems[1].gate.confidence.q:") })
        #expect(lines.contains { $0.contains("systems[1].gate.confidence.threshold:") && $0.contains("never positive") })
        #expect(lines.contains { $0.contains("systems[2].gate.confidence.threshold:") && $0.contains("an entropy") })
        #expect(lines.count == 4)
    }

    @Test("a learned router needs two models, a file and an embeddings model Quorum can call")
    func learnedRouter() {
        let yaml = """
            models:
              - {name: small, provider: local, model: qwen2.5-coder-0.5b}
              - {name: large, provider: local, model: qwen2.5-coder-1.5b}
              - {name: claude, provider: anthropic, model: claude-sonnet-4, api_key: x}
            systems:
              - {name: ok, type: router, strategy: learned, models: [small, large], router: r.json, threshold: 0.6}
              - {name: lonely, type: router, strategy: learned, models: [small]}
              - {name: bad-embedder, type: router, strategy: learned, models: [small, large], router: r.json, embeddings: claude}
              - {name: odd, type: router, strategy: guess, routes: [{when: {category: a}, system: small}], default: large}
            """
        let lines = errorLines(yaml)
        #expect(lines.contains { $0.contains("systems[1].models:") && $0.contains("at least two") })
        #expect(lines.contains { $0.contains("systems[1].router:") && $0.contains("quorum router train") })
        #expect(lines.contains { $0.hasPrefix("test.yaml:8: systems[2].embeddings:") && $0.contains("anthropic") })
        #expect(lines.contains { $0.contains("systems[3].strategy:") })
        #expect(lines.count == 4)
    }

    @Test("an unknown section is reported with a did-you-mean")
    func unknownSection() {
        #expect(errorLines("sytems: []\n") == ["test.yaml:1: sytems: unknown section (did you mean 'systems'?)"])
    }

    @Test("a missing required field names the entry and its line")
    func missingField() {
        let yaml = """
            models:
              - name: ok
                provider: openai
                model: gpt-4.1
              - name: broken
                model: gpt-4.1
            """
        #expect(errorLines(yaml) == ["test.yaml:5: models[1]: missing required key 'provider'"])
    }

    @Test("a wrong type is reported where it is written")
    func wrongType() {
        let yaml = """
            models:
              - name: m
                provider: openai
                model: gpt-4.1
                retries: many
                timeout: soon
            """
        #expect(errorLines(yaml) == [
            "test.yaml:5: models[0].retries: expected a whole number, found 'many'",
            "test.yaml:6: models[0].timeout: expected a duration like 60s, 500ms or 2m, found 'soon'",
        ])
    }

    @Test("a bad duration is reported with the expected forms")
    func badDuration() {
        let yaml = "models:\n  - {name: m, provider: openai, model: x, timeout: soon}\n"
        #expect(errorLines(yaml).first?.contains("expected a duration like 60s") == true)
        #expect(errorLines(yaml).first?.hasPrefix("test.yaml:2: models[0].timeout") == true)
    }

    @Test("references to undefined models and judges are caught with suggestions")
    func undefinedReferences() {
        let yaml = """
            models:
              - {name: small, provider: local, model: smollm2-135m}
              - {name: large, provider: local, model: qwen2.5-coder-1.5b}
            judges:
              - {name: strict, type: score, model: larg}
            systems:
              - {name: cascade, type: cascade, levels: [small, lage], gate: {judge: strct}}
            experiment:
              name: x
              systems: [cascade, missing]
              baseline: cascade
            """
        #expect(errorLines(yaml) == [
            "test.yaml:5: judges[0].model: no model or system named 'larg' (did you mean 'large'?)",
            "test.yaml:7: systems[0].gate.judge: no judge named 'strct' (did you mean 'strict'?)",
            "test.yaml:7: systems[0].levels[1]: no model or system named 'lage' (did you mean 'large'?)",
            "test.yaml:10: experiment.systems[1]: no system or model named 'missing'",
        ])
    }

    @Test("a negative price is an error")
    func negativePrice() {
        let yaml = "models:\n  - name: m\n    provider: openai\n    model: x\n    price: {input: -1, output: 2}\n"
        #expect(errorLines(yaml) == ["test.yaml:5: models[0].price.input: must not be negative, found -1"])
    }

    @Test("every problem is reported at once, in file order")
    func allAtOnce() {
        let yaml = """
            models:
              - {name: a, provider: opnai, model: x}
              - {name: b, provider: local, model: smollm2}
            systems:
              - {name: s, type: casade}
              - {name: t, type: single}
            """
        let lines = errorLines(yaml)
        #expect(lines.count == 4)
        #expect(lines[0].hasPrefix("test.yaml:2: models[0].provider: unknown provider 'opnai' (did you mean 'openai'?)"))
        #expect(lines[1].hasPrefix("test.yaml:3: models[1].model: unknown local model 'smollm2'"))
        #expect(lines[2].hasPrefix("test.yaml:5: systems[0].type: unknown system type 'casade' (did you mean 'cascade'?)"))
        #expect(lines[3] == "test.yaml:6: systems[1].model: a single system needs model:")
    }

    @Test("duplicate names across models and systems are rejected")
    func duplicates() {
        let yaml = "models:\n  - {name: x, provider: openai, model: m}\nsystems:\n  - {name: x, type: single, model: x}\n"
        #expect(errorLines(yaml).contains("test.yaml:4: systems[0].name: 'x' is already defined at models[0] (models and systems share one namespace)"))
    }

    @Test("a system that uses itself through another is a cycle")
    func cycles() {
        let yaml = """
            systems:
              - {name: a, type: single, model: b}
              - {name: b, type: single, model: a}
            """
        #expect(errorLines(yaml) == [
            "test.yaml:2: systems[0]: system 'a' uses itself through nested systems",
            "test.yaml:3: systems[1]: system 'b' uses itself through nested systems",
        ])
    }

    @Test("a cascade gate needs exactly one rule and agreement bounds are checked")
    func gates() {
        let yaml = """
            models:
              - {name: m, provider: openai, model: x}
            systems:
              - {name: c, type: cascade, levels: [m, m], gate: {agreement: {samples: 3, min: 5}}}
              - {name: d, type: cascade, levels: [m, m]}
            """
        #expect(errorLines(yaml) == [
            "test.yaml:4: systems[0].gate.agreement.min: must be between 1 and samples (3), found 5",
            "test.yaml:5: systems[1].gate: a cascade needs gate: (judge:, verifier:, agreement:, confidence:, all: or any:) to decide escalation",
        ])
    }

    @Test("a field another system type uses is a warning")
    func misplacedField() {
        let yaml = "models:\n  - {name: m, provider: openai, model: x}\nsystems:\n  - {name: s, type: single, model: m, layers: [[m]]}\n"
        let found = issues(yaml)
        #expect(found.map(\.description) == ["test.yaml:4: warning: systems[0].layers: ignored by a single system (used by moa)"])
    }

    @Test("invalid YAML reports the line of the syntax error")
    func syntaxError() {
        let lines = errorLines("models:\n  - name: [unclosed\n")
        #expect(lines.count == 1)
        #expect(lines[0].hasPrefix("test.yaml:"))
        #expect(lines[0].contains("invalid YAML"))
    }

    @Test("thresholds follow the judge's scale")
    func thresholds() {
        let yaml = """
            models:
              - {name: m, provider: openai, model: x}
            judges:
              - {name: a, type: score, model: m, threshold: 7}
              - {name: b, type: score, model: m, scale: 10, threshold: 7}
            """
        #expect(errorLines(yaml) == ["test.yaml:4: judges[0].threshold: must be between 0.0 and 1.0, found 7.0"])
    }

    @Test("unknown names, an unknown type and a missing field are reported together (once the system factory's checks)")
    func referencesAndFields() {
        let yaml = """
            models:
              - {name: small, provider: openai, model: x}
              - {name: grader, provider: openai, model: x}
            judges:
              - {name: quality, type: score, model: nobody}
            systems:
              - {name: ladder, type: cascade, levels: [small, huge], gate: {judge: missing}}
              - {name: odd, type: pyramid}
              - {name: mix, type: moa, layers: [[small]]}
            """
        let lines = errorLines(yaml)
        for expected in [
            "test.yaml:5: judges[0].model: no model or system named 'nobody'",
            "test.yaml:7: systems[0].levels[1]: no model or system named 'huge'",
            "test.yaml:7: systems[0].gate.judge: no judge named 'missing'",
            "test.yaml:8: systems[1].type: unknown system type 'pyramid'",
            "test.yaml:9: systems[2].aggregator: moa needs aggregator: MODEL",
        ] {
            #expect(lines.contains { $0.hasPrefix(expected) }, "missing: \(expected)")
        }
        #expect(lines.count == 5)
    }

    @Test("systems that nest through a moa's aggregator are a cycle")
    func cycleThroughMixture() {
        let yaml = """
            models:
              - {name: small, provider: openai, model: x}
            systems:
              - {name: a, type: single, model: b}
              - {name: b, type: moa, layers: [[small]], aggregator: a}
            """
        #expect(errorLines(yaml) == [
            "test.yaml:4: systems[0]: system 'a' uses itself through nested systems",
            "test.yaml:5: systems[1]: system 'b' uses itself through nested systems",
        ])
    }

    @Test("a score, pairwise or rubric judge's model is a model, not a system")
    func judgeModelIsAModel() {
        #expect(errorLines(kindsYAML(judge: "{name: j, type: score, model: s}")) == [
            "test.yaml:7: judges[3].model: 's' is a system; a score judge needs a model (its calls are charged as judge cost)",
        ])
    }

    @Test(
        "a judge named by a system is of the kind that use needs",
        arguments: [
            ("{name: c, type: cascade, levels: [m, m], gate: {judge: arena}}",
             "systems[1].gate.judge: 'arena' is a pairwise judge; a gate needs a score, rubric or verifier judge"),
            ("{name: d, type: debate, judge: sheet, levels: [{workers: [m]}]}",
             "systems[1].judge: 'sheet' is a rubric judge; a debate needs a score judge"),
            ("{name: d, type: debate, levels: [{workers: [m], judge: arena}]}",
             "systems[1].levels[0].judge: 'arena' is a pairwise judge; a debate needs a score judge"),
            ("{name: b, type: best-of-n, model: m, judge: quality, selection: knockout}",
             "systems[1].judge: 'quality' is a score judge; knockout selection needs a pairwise judge"),
            ("{name: b, type: best-of-n, model: m, judge: arena}",
             "systems[1].judge: 'arena' is a pairwise judge; best-of-n scoring its samples needs a score, rubric or verifier judge"),
            ("{name: v, type: self-consistency, model: m, judge: arena}",
             "systems[1].judge: 'arena' is a pairwise judge; self-consistency scoring its samples needs a score, rubric or verifier judge"),
        ])
    func judgeKinds(system: String, expected: String) {
        #expect(errorLines(kindsYAML(system: system)) == ["test.yaml:9: " + expected])
    }

    /// A model `m`, judges `quality` (score), `arena` (pairwise) and `sheet` (rubric) then `judge` on
    /// line 7, and a system `s` then `system` on line 9.
    private func kindsYAML(judge: String? = nil, system: String? = nil) -> String {
        var lines = [
            "models:", "  - {name: m, provider: openai, model: x}", "judges:", "  - {name: quality, type: score, model: m}",
            "  - {name: arena, type: pairwise, model: m}", "  - {name: sheet, type: rubric, model: m, criteria: [{name: clarity}]}",
        ]
        if let judge { lines.append("  - " + judge) }
        lines += ["systems:", "  - {name: s, type: single, model: m}"]
        if let system { lines.append("  - " + system) }
        return lines.joined(separator: "\n")
    }

    @Test("what a system's fields must hold, beyond their names: weights, a model to sample, routes, gate combinations")
    func systemFields() {
        let yaml = """
            models:
              - {name: m, provider: openai, model: x}
            systems:
              - {name: mix, type: moa, layers: [[m]], aggregator: m, weights: {m: -1, other: 2}}
              - {name: vote, type: self-consistency, models: [m]}
              - {name: route, type: router, default: m, routes: [{when: {}, system: m}, {when: {prompt_regex: "("}, system: m}]}
              - {name: c, type: cascade, levels: [m, m], gate: {all: []}}
            """
        #expect(errorLines(yaml) == [
            "test.yaml:4: systems[0].weights.m: must not be negative, found -1.0",
            "test.yaml:4: systems[0].weights.other: 'other' is not a proposer in layers:",
            "test.yaml:5: systems[1].model: self-consistency needs model:",
            "test.yaml:6: systems[2].routes[0].when: a route needs at least one condition (category, tag or prompt_regex)",
            "test.yaml:6: systems[2].routes[1].when.prompt_regex: /(/ is not a valid regular expression",
            "test.yaml:7: systems[3].gate.all: an empty combination of gates: list at least one",
        ])
    }
}
