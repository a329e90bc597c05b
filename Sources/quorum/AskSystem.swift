import AsyncHTTPClient
import Foundation
import Logging
import QuorumCore
import QuorumEvaluation
import QuorumOrchestration
import QuorumProviders
import QuorumRuntime

/// `quorum ask --system NAME --config F`: one question answered by a configured system
/// (cascade, debate, moa, …), with its trace on request.
struct AskSystem {
    var config: QuorumConfig
    var name: String

    init(name: String, configPath: String?) throws {
        guard let configPath else {
            throw ValidationErrorMessage("--system needs --config: systems are defined in a configuration file")
        }
        config = try loadConfig(configPath)
        guard config.system(named: name) != nil || config.model(named: name) != nil else {
            let known = (config.systems.map(\.name) + config.models.map(\.name)).sorted().joined(separator: ", ")
            throw ValidationErrorMessage("no system named '\(name)' in \(configPath); defined: \(known)")
        }
        self.name = name
    }

    func answer(_ request: ChatRequest, logger: Logger) async throws -> Answer {
        let runtime = try LocalSetup.runtime()
        let assembly = try await Assembly.assemble(
            config, for: [name], clients: HTTPClients(shared: .shared), runtime: runtime, logger: logger)
        guard let system = assembly.catalog.system(named: name, models: assembly.models) else {
            throw QuorumError(.configuration, "no system named '\(name)'")
        }
        let question = Question(id: "ask", messages: request.messages)
        let ledger = SpendingLedger(budget: config.experiment?.budgetUSD)
        return try await system.answer(question, in: RunContext(models: assembly.models, ledger: ledger, logger: logger))
    }
}

/// A usage mistake found after parsing, printed as one sentence.
struct ValidationErrorMessage: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// What `ask --system --json` prints.
struct AskSystemResult: Encodable {
    var system: String
    var answer: String
    var level: Int
    var resolved: Bool
    var answerCostUSD: String
    var judgeCostUSD: String
    var promptTokens: Int
    var completionTokens: Int
    var latencySeconds: Double
    var trace: TraceNode

    init(system: String, answer: Answer) {
        self.system = system
        self.answer = answer.text
        level = answer.level
        resolved = answer.resolved
        answerCostUSD = answer.answerCost.exactString
        judgeCostUSD = answer.judgeCost.exactString
        promptTokens = answer.trace.usage.promptTokens
        completionTokens = answer.trace.usage.completionTokens
        latencySeconds = answer.latency
        trace = answer.trace
    }

    enum CodingKeys: String, CodingKey {
        case system, answer, level, resolved, answerCostUSD = "answer_cost_usd", judgeCostUSD = "judge_cost_usd",
            promptTokens = "prompt_tokens", completionTokens = "completion_tokens", latencySeconds = "latency_seconds", trace
    }
}
