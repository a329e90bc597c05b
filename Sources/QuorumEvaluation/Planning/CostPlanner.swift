import Foundation
import QuorumCore
import QuorumProviders

/// Estimates a run's calls, tokens and cost from the config alone (`quorum plan --samples 0`).
///
/// Prompt tokens are counted as characters / 4; each answer is assumed to use `expectedOutputShare`
/// of its `max_tokens` (default 512 when none is set). A cascade or debate reaches level k+1 with
/// the escalation rate (default 0.5, or per level from an earlier run's funnel).
public struct CostPlanner: Sendable {
    public var config: QuorumConfig
    /// Probability of escalating past each level, by system; `defaultEscalation` where unknown.
    public var escalation: [String: [Double]]
    public var defaultEscalation: Double
    public var expectedOutputShare: Double

    public init(
        config: QuorumConfig, escalation: [String: [Double]] = [:], defaultEscalation: Double = 0.5,
        expectedOutputShare: Double = 0.5
    ) {
        self.config = config
        self.escalation = escalation
        self.defaultEscalation = defaultEscalation
        self.expectedOutputShare = expectedOutputShare
    }

    /// Escalation rates per level from a stored run's funnel: share of items that went past level k.
    public static func escalation(from summary: RunSummary) -> [String: [Double]] {
        var rates: [String: [Double]] = [:]
        for system in summary.systems where !system.funnel.isEmpty {
            let levels = system.funnel.keys.compactMap(Int.init).max() ?? 1
            rates[system.system] = (1..<max(levels, 2)).map { level in
                let atOrBelow = system.funnel.filter { (Int($0.key) ?? 0) <= level }.values.reduce(0, +)
                return max(0, min(1, 1 - atOrBelow))
            }
        }
        return rates
    }

    /// The plan for `systems` over `items`.
    public func plan(systems: [String], items: [DatasetItem]) -> CostPlan {
        let promptTokens = items.isEmpty ? 0 : Double(items.map(Self.promptCharacters).reduce(0, +)) / 4 / Double(items.count)
        var accounts: [String: CallTally] = [:]
        var systemLines: [CostPlan.Line] = []
        for system in systems {
            var tally = CallTally()
            expand(system, weight: 1, prompt: promptTokens, into: &tally, depth: 0)
            if let judge = config.experiment?.scoring?.judge, let judgeModel = config.judge(named: judge)?.model {
                tally.add(model: judgeModel, calls: 1, prompt: promptTokens * 2 + 200, output: 150)
            }
            tally.scale(by: Double(items.count))
            for (model, line) in tally.byModel { accounts[model, default: CallTally()].merge(model, line) }
            systemLines.append(line(named: system, tally: tally))
        }
        let models = accounts.keys.sorted().map { line(named: $0, tally: accounts[$0]!) }
        let assumptions = [
            "prompt tokens ≈ characters / 4 (mean \(Int(promptTokens)) per item)",
            "answers use \(Int(expectedOutputShare * 100))% of max_tokens (512 when unset)",
            "cascades and debates escalate past each level with rate \(escalation.isEmpty ? String(defaultEscalation) : "from the earlier run, else \(defaultEscalation)")",
        ]
        return CostPlan(items: items.count, method: "heuristic", systems: systemLines, models: models, assumptions: assumptions)
    }

    private func line(named name: String, tally: CallTally) -> CostPlan.Line {
        var cost = USD.zero
        var priced = true
        var total = CallTally.Entry()
        for (model, entry) in tally.byModel {
            total.calls += entry.calls
            total.prompt += entry.prompt
            total.output += entry.output
            guard let configured = config.model(named: model), let listed = configured.price else {
                priced = false
                continue
            }
            // `batch: true` at a vendor with a batch API: `quorum run` sends these calls there, at half price.
            let price = configured.batch == true && configured.batchVendor != nil ? listed.batch : listed
            cost += price.cost(of: Usage(promptTokens: Int(entry.prompt.rounded()), completionTokens: Int(entry.output.rounded())))
        }
        return CostPlan.Line(
            name: name, calls: total.calls, promptTokens: total.prompt, completionTokens: total.output, cost: cost,
            priced: priced)
    }

    func outputTokens(model: String, system: SystemConfig?) -> Double {
        let maxTokens = system?.parameters?.maxTokens ?? config.model(named: model)?.parameters?.maxTokens ?? 512
        return Double(maxTokens) * expectedOutputShare
    }

    static func promptCharacters(_ item: DatasetItem) -> Int {
        item.question.messages.map(\.content.count).reduce(0, +) + item.followUps.map(\.count).reduce(0, +)
    }
}

/// Expected calls and tokens per model, weighted by the probability each call happens.
struct CallTally {
    struct Entry {
        var calls = 0.0
        var prompt = 0.0
        var output = 0.0
    }

    var byModel: [String: Entry] = [:]

    mutating func add(model: String, calls: Double, prompt: Double, output: Double) {
        byModel[model, default: Entry()].calls += calls
        byModel[model, default: Entry()].prompt += calls * prompt
        byModel[model, default: Entry()].output += calls * output
    }

    mutating func scale(by factor: Double) {
        for key in byModel.keys {
            byModel[key]!.calls *= factor
            byModel[key]!.prompt *= factor
            byModel[key]!.output *= factor
        }
    }

    mutating func merge(_ model: String, _ entry: Entry) {
        byModel[model, default: Entry()].calls += entry.calls
        byModel[model, default: Entry()].prompt += entry.prompt
        byModel[model, default: Entry()].output += entry.output
    }
}
