import Testing
@testable import QuorumCore

/// `tip-v1` of issue 17, as a configuration would hold it.
let tipRubricYAML = """
    rubrics:
      - id: tip-v1
        version: "1"
        description: A tip for the user's day.
        criteria:
          - name: relevance
            description: Does the tip fit the user's situation?
            anchors: {1: ignores the situation, 3: fits part of it, 5: fits it exactly}
          - name: actionability
            scale: [1, 5]
            anchors: {1: nothing to do, 5: one clear next step}
          - name: tone
        flags:
          - {name: format_ok, description: One or two sentences.}
          - {name: overlong}
        composite: relevance + actionability + tone + 2*format_ok - overlong

    """

@Suite("Rubrics")
struct RubricTests {
    static func tip() throws -> Rubric {
        let (config, issues) = ConfigLoader(environment: [:]).load(yaml: tipRubricYAML, file: "test.yaml", directory: nil)
        #expect(issues.filter { $0.severity == .error }.isEmpty)
        return try Rubric(try #require(config?.rubric(id: "tip-v1")))
    }

    @Test("tip-v1 compiles: scales, anchors, flags and a composite from 2 to 17")
    func compilesTip() throws {
        let rubric = try Self.tip()
        #expect(rubric.label == "tip-v1@1")
        #expect(rubric.criteria.map(\.name) == ["relevance", "actionability", "tone"])
        #expect(rubric.criteria.map(\.scale) == [1...5, 1...5, 1...5])
        #expect(rubric.criterion(named: "relevance")?.anchors == [1: "ignores the situation", 3: "fits part of it", 5: "fits it exactly"])
        #expect(rubric.flags.map(\.name) == ["format_ok", "overlong"])
        #expect(rubric.compositeRange == 2...17)
    }

    @Test("the composite combines scores and flags; normalized, it runs from 0 to 1")
    func composite() throws {
        let rubric = try Self.tip()
        let best = rubric.composite(scores: ["relevance": 5, "actionability": 5, "tone": 5], flags: ["format_ok": true, "overlong": false])
        let worst = rubric.composite(scores: ["relevance": 1, "actionability": 1, "tone": 1], flags: ["format_ok": false, "overlong": true])
        let middle = rubric.composite(scores: ["relevance": 4, "actionability": 3, "tone": 4], flags: ["format_ok": true, "overlong": true])
        #expect(best == 17 && worst == 2 && middle == 12)
        #expect(rubric.normalized(best) == 1 && rubric.normalized(worst) == 0 && rubric.normalized(middle) == 10.0 / 15)
    }

    @Test("without a formula the composite is the criteria's sum, and without a version the label is the id")
    func defaults() throws {
        let rubric = try Rubric(RubricConfig(id: "plain", criteria: [.init(name: "a"), .init(name: "b", scale: [0, 10])]))
        #expect(rubric.label == "plain")
        #expect(rubric.formula.description == "a + b")
        #expect(rubric.compositeRange == 1...15)
        #expect(rubric.normalized(8) == 0.5)
    }

    @Test("an invalid rubric is refused with every problem named")
    func refusesInvalid() {
        var config = RubricConfig(id: "bad", criteria: [.init(name: "a", scale: [5, 1]), .init(name: "a")])
        config.composite = "a +"
        #expect {
            try Rubric(config)
        } throws: { error in
            let message = "\(error)"
            return message.contains("criteria[0].scale: must be [low, high] with low below high, found [5, 1]")
                && message.contains("criteria[1].name: 'a' is already a criterion")
                && message.contains("composite: cannot read 'a +' at character 4")
        }
    }
}
