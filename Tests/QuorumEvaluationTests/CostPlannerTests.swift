import QuorumCore
import QuorumStore
import Testing

@testable import QuorumEvaluation

@Suite("CostPlanner")
struct CostPlannerTests {
    func config() -> QuorumConfig {
        var small = ModelConfig(name: "small", provider: "openai", model: "s", price: Price(input: USD(1), output: USD(2)))
        small.parameters = GenerationParameters(maxTokens: 100)
        let large = ModelConfig(name: "large", provider: "openai", model: "l", price: Price(input: USD(10), output: USD(20)))
        var single = SystemConfig(name: "single", type: "single")
        single.model = "large"
        var cascade = SystemConfig(name: "cascade", type: "cascade")
        cascade.levels = [.model("small"), .model("large")]
        return QuorumConfig(models: [small, large], systems: [single, cascade])
    }

    @Test("single calls its model once per item; a cascade calls the next level at the escalation rate")
    func heuristicCalls() throws {
        let items = (0..<10).map { DatasetItem(question: .init(id: "\($0)", prompt: String(repeating: "x", count: 400))) }
        let plan = CostPlanner(config: config(), defaultEscalation: 0.3).plan(systems: ["single", "cascade"], items: items)
        let single = try #require(plan.systems.first)
        let cascade = try #require(plan.systems.last)
        #expect(single.calls == 10)
        #expect(abs(cascade.calls - 13) < 1e-9)
        let small = try #require(plan.models.first { $0.name == "small" })
        #expect(small.calls == 10)
        #expect(small.completionTokens == 10 * 50)
        #expect(small.promptTokens == 10 * 100)
        #expect(small.cost == Price(input: USD(1), output: USD(2)).cost(of: Usage(promptTokens: 1000, completionTokens: 500)))
    }

    @Test("escalation rates come from an earlier run's funnel")
    func escalationFromRun() {
        let run = RunRecord(id: "r", name: "e", configSnapshot: "{}", dataset: "d", systems: ["cascade"])
        let items = (0..<10).map { index in
            var item = ItemRecord(runID: "r", system: "cascade", itemID: "\(index)", position: index, prompt: "p")
            item.status = .answered
            item.level = index < 8 ? 1 : 2
            return item
        }
        let rates = CostPlanner.escalation(from: RunSummary(run: run, items: items))
        #expect(rates["cascade"]?.count == 1)
        #expect(abs((rates["cascade"]?.first ?? 0) - 0.2) < 1e-9)
    }
}
