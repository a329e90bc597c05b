import QuorumCore
import Testing

@Suite("CoEval metric and label configuration")
struct CoEvalMetricConfigTests {
    static func issues(_ task: String, judge: Bool = true) -> [ConfigIssue] {
        let yaml = """
            models:
              - {name: t, provider: openai, model: m, roles: [teacher, student\(judge ? ", judge" : "")]}
            tasks:
            \(task)
            """
        return ConfigLoader(environment: [:]).load(yaml: yaml, file: "c.yaml", directory: nil).issues.filter { $0.severity == .error }
    }

    @Test("a metric criterion decodes next to plain ones and needs no judge when every criterion is a metric")
    func decodes() throws {
        let yaml = """
            models:
              - {name: t, provider: openai, model: m, roles: [teacher, student]}
            tasks:
              - name: qa
                description: Questions.
                target_attributes: {sentiment: [positive, negative]}
                label_attributes: [sentiment]
                rubric: {exact: {metric: exact_match}, overlap: {metric: rouge-l, description: Words shared.}}
            """
        let (config, issues) = ConfigLoader(environment: [:]).load(yaml: yaml, file: "c.yaml", directory: nil)
        #expect(issues.filter { $0.severity == .error }.isEmpty, "\(issues)")
        let rubric = try #require(config?.tasks.first?.rubric?.given)
        #expect(rubric.map(\.metric) == ["exact_match", "rouge-l"])
        #expect(rubric.last?.text == "Words shared.")
        #expect(config?.tasks.first?.labelAttributes == ["sentiment"])
        #expect(config?.tasks.first?.needsLLMJudges == false)
    }

    @Test("unknown metrics, unknown keys and labels that are not target attributes are errors")
    func mistakes() {
        let unknown = Self.issues("""
              - {name: qa, description: Q., target_attributes: {sentiment: [a]}, rubric: {exact: {metric: exact-match}}}
            """)
        #expect(unknown.contains { $0.path == "tasks[0].rubric.exact.metric" && $0.message.contains("did you mean 'exact_match'") })
        let typo = Self.issues("""
              - {name: qa, description: Q., rubric: {exact: {metric: bleu, descripton: x}}}
            """)
        #expect(typo.contains { $0.path == "tasks[0].rubric.exact.descripton" && $0.message.contains("description") })
        let label = Self.issues("""
              - {name: qa, description: Q., target_attributes: {sentiment: [a]}, label_attributes: [sentimen], rubric: {c: d}}
            """)
        #expect(label.contains { $0.path == "tasks[0].label_attributes[0]" && $0.message.contains("sentiment") })
        let auto = ConfigLoader(environment: [:]).load(yaml: """
            models:
              - {name: t, provider: openai, model: m, roles: [teacher, student, judge]}
            tasks:
              - {name: qa, description: Q., target_attributes: auto, label_attributes: [sentiment], rubric: {c: d}}
            """, file: "c.yaml", directory: nil).issues
        #expect(auto.contains { $0.severity == .warning && $0.path == "tasks[0].label_attributes[0]" })
        #expect(!auto.contains { $0.severity == .error })
        let judgeless = Self.issues("""
              - {name: qa, description: Q., rubric: {c: Correct.}}
            """, judge: false)
        #expect(judgeless.contains { $0.message.contains("role judge") })
    }
}
