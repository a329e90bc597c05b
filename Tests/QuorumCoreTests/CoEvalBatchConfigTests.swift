import Testing
@testable import QuorumCore

@Suite("CoEval batch configuration")
struct CoEvalBatchConfigTests {
    static let models = """
        models:
          - {name: teacher, provider: openai, model: gpt-4.1, roles: [teacher], api_key: k}
          - {name: student, provider: anthropic, model: claude-haiku, roles: [student], api_key: k, batch: true}
          - {name: judge, provider: gemini, model: gemini-2.0-flash, roles: [judge], api_key: k, batch: true}
        tasks:
          - {name: math, description: Word problems., target_attributes: {level: [easy]}, rubric: {right: Is right.}}

        """

    private func load(_ coeval: String) -> (QuorumConfig?, [ConfigIssue]) {
        ConfigLoader(environment: [:]).load(yaml: Self.models + coeval, file: "test.yaml", directory: nil)
    }

    @Test("coeval.batch names phases per vendor; a model's batch: true is read")
    func decodes() throws {
        let (config, issues) = load("coeval:\n  batch: {openai: {response_collection: true, evaluation: true}}\n")
        #expect(issues.filter { $0.severity == .error }.isEmpty)
        #expect(config?.coeval?.batch?["openai"] == CoEvalBatchPhases(responseCollection: true, evaluation: true))
        #expect(config?.model(named: "student")?.batch == true)
        #expect(config?.model(named: "student")?.batchVendor == "anthropic")
        #expect(config?.model(named: "judge")?.batchVendor == nil)
    }

    @Test("an unknown vendor or phase key is an error with a did-you-mean")
    func unknownKeys() {
        let (_, vendor) = load("coeval:\n  batch: {opnai: {evaluation: true}}\n")
        #expect(vendor.contains { $0.severity == .error && $0.description.contains("did you mean 'openai'") })
        let (_, phase) = load("coeval:\n  batch: {openai: {evaluations: true}}\n")
        #expect(phase.contains { $0.severity == .error && $0.description.contains("did you mean 'evaluation'") })
    }

    @Test("Gemini with batch warns that it runs as concurrent calls with no discount")
    func geminiWarns() {
        let (config, issues) = load("coeval:\n  batch: {gemini: {evaluation: true}}\n")
        #expect(config != nil)
        let warnings = issues.filter { $0.severity == .warning }.map(\.description)
        #expect(warnings.contains { $0.contains("coeval.batch.gemini") && $0.contains("concurrent calls") })
        #expect(warnings.contains { $0.contains("models[2].batch") && $0.contains("no discount") })
    }
}
