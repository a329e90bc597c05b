import Testing
@testable import QuorumCore

@Suite("Rubric validation")
struct RubricValidationTests {
    static let models = """
        models:
          - {name: m, provider: openai, model: gpt-4.1}

        """

    @Test("a rubric, a judge that scores with it and an experiment judged with it are valid")
    func valid() {
        let yaml = Self.models + tipRubricYAML + """
            judges:
              - {name: tips, type: rubric, rubric: tip-v1, model: m, threshold: 0.6}
              - {name: inline, type: rubric, model: m, criteria: [{name: accuracy}]}
            experiment: {name: grid, rubric: tip-v1}
            """
        #expect(errorLines(yaml) == [])
    }

    @Test("every mistake in a rubric is reported at once, with its line")
    func mistakesInRubric() {
        let yaml = Self.models + """
            rubrics:
              - id: tip
                criteria:
                  - {name: relevance, scale: [5, 1]}
                  - {name: tone, scale: [1, 2, 3]}
                  - name: relevance
                  - name: clarity
                    anchors: {good: fine, 9: too high, 2: ok}
                flags:
                  - {name: tone}
                  - {name: short}
                  - {name: short}
                composite: relevnce + 2*short - missing
              - id: tip
                criteria: []
              - id: broken
                criteria: [{name: a}]
                composite: "a + * 2"
              - id: flat
                criteria: [{name: a}]
                composite: a - a + 3
            """
        let lines = errorLines(yaml)
        let expected = [
            "test.yaml:6: rubrics[0].criteria[0].scale: must be [low, high] with low below high, found [5, 1]",
            "test.yaml:7: rubrics[0].criteria[1].scale: must be [low, high] with low below high, found [1, 2, 3]",
            "test.yaml:8: rubrics[0].criteria[2].name: 'relevance' is already a criterion",
            "test.yaml:10: rubrics[0].criteria[3].anchors.good: an anchor's key is a score; 'good' is not a whole number",
            "test.yaml:10: rubrics[0].criteria[3].anchors.9: score 9 is outside the scale 1…5",
            "test.yaml:12: rubrics[0].flags[0].name: 'tone' is already a criterion",
            "test.yaml:14: rubrics[0].flags[2].name: 'short' is already a flag",
            "test.yaml:15: rubrics[0].composite: no criterion or flag named 'relevnce' (did you mean 'relevance'?) "
                + "(the formula may use: relevance, tone, clarity, short)",
            "test.yaml:15: rubrics[0].composite: no criterion or flag named 'missing' (the formula may use: relevance, tone, clarity, short)",
            "test.yaml:16: rubrics[1].id: rubric 'tip' is already defined at rubrics[0]",
            "test.yaml:17: rubrics[1].criteria: a rubric needs at least one criterion",
            "test.yaml:20: rubrics[2].composite: cannot read 'a + * 2' at character 5: expected a number, a name or '(', found '*'",
            "test.yaml:23: rubrics[3].composite: 'a - a + 3' is 3 whatever the scores, so it cannot rank answers",
        ]
        #expect(lines.sorted() == expected.sorted())
    }

    @Test("a rubric judge names an existing rubric or gives criteria, not both; the experiment's rubric must exist")
    func references() {
        let yaml = Self.models + tipRubricYAML + """
            judges:
              - {name: both, type: rubric, model: m, rubric: tip-v1, criteria: [{name: a}]}
              - {name: typo, type: rubric, model: m, rubric: tip-v2}
              - {name: neither, type: rubric, model: m}
              - {name: scaled, type: rubric, model: m, rubric: tip-v1, scale: 10, mode: per_factor, threshold: 7}
            experiment: {name: e, rubric: tip_v1}
            """
        let lines = errorLines(yaml)
        #expect(lines.contains("test.yaml:20: judges[0].rubric: give criteria or rubric, not both"))
        #expect(lines.contains("test.yaml:21: judges[1].rubric: no rubric named 'tip-v2' (did you mean 'tip-v1'?)"))
        #expect(lines.contains("test.yaml:22: judges[2].criteria: a rubric judge needs criteria or a rubric (rubric: ID of rubrics:)"))
        #expect(lines.contains("test.yaml:23: judges[3].scale: a rubric has its own scales; the pass mark is a threshold on 0…1"))
        #expect(lines.contains("test.yaml:23: judges[3].mode: a judge with a rubric scores every criterion in one call"))
        #expect(lines.contains("test.yaml:24: experiment.rubric: no rubric named 'tip_v1' (did you mean 'tip-v1'?)"))
        #expect(lines.count == 6)
    }
}
