import AsyncHTTPClient
import Foundation
import Logging
import QuorumCore
import QuorumEvaluation
import QuorumOrchestration
import QuorumProviders
import QuorumRuntime
import Testing

/// Cascade, debate and mixture of agents on the real local runtime (SmolLM2-135M and
/// Qwen2.5-Coder-0.5B), answering questions from `datasets/quick-qa.jsonl`. Runs only with
/// `QUORUM_LIVE=1`; starts its own servers on free ports with a private PID directory and stops them.
@Suite("Orchestration (live)", .serialized, .enabled(if: ProcessInfo.processInfo.environment["QUORUM_LIVE"] == "1"))
struct OrchestrationLiveTests {
    static let itemCount = 3
    let logger = Logger(label: "orchestration-live")

    @Test("cascade, debate and MoA answer real questions with complete, exactly summed traces")
    func systemsAnswer() async throws {
        try await LiveLocalSession.run(label: "orchestration-live", portBase: 29_081) { session in
            let assembly = try await Assembly.assemble(
                Self.config, for: ["ladder", "panel", "mix"], clients: HTTPClients(shared: session.httpClient), runtime: session.runtime,
                logger: session.logger)
            for question in try Self.questions() {
                try await check(assembly, question)
            }
        }
    }

    func check(_ assembly: Assembly, _ question: Question) async throws {
        let context = RunContext(models: assembly.models, logger: logger)
        for name in ["ladder", "panel", "mix"] {
            let system = try #require(assembly.catalog.systems[name])
            let answer = try await system.answer(question, in: context)
            let calls = answer.trace.calls
            let correct = await Verifier(.auto(tolerance: 1e-6)).check(answer.text, reference: question.reference)
            logger.info(
                "answered",
                metadata: ["system": "\(name)", "item": "\(question.id)", "level": "\(answer.level)",
                           "correct": "\(correct.passed)", "answer": "\(answer.text.prefix(60))"])
            #expect(!answer.text.isEmpty, "\(name) gave an empty answer to \(question.id)")
            #expect(calls.allSatisfy { $0.usage.completionTokens > 0 && $0.cost > .zero && $0.error == nil })
            #expect(answer.answerCost + answer.judgeCost == calls.map(\.cost).sum())
            #expect(Set(calls.map(\.key)).count == calls.count, "call keys must be unique")
            switch name {
            case "ladder":
                // A verdict a small judge garbles (or cuts off) is recorded as unreadable and never passes.
                let verdicts = answer.trace.gateDecisions
                #expect(!verdicts.isEmpty && verdicts.allSatisfy { $0.score != nil || !$0.passed })
                #expect(answer.resolved == (verdicts.last?.passed ?? false))
                #expect(answer.judgeCost > .zero)
            case "panel":
                #expect(answer.trace.children.first?.children.contains { $0.kind == .round } == true)
            default:
                #expect(calls.count == 3)
                #expect(calls.last?.messages.first?.content.contains("Responses:") == true)
            }
        }
    }

    static var config: QuorumConfig {
        let price = Price(input: USD(string: "0.05")!, output: USD(string: "0.10")!)
        var small = ModelConfig(name: "small", provider: "local", model: "smollm2-135m", price: price)
        var medium = ModelConfig(name: "medium", provider: "local", model: "qwen2.5-coder-0.5b", price: price)
        small.parameters = GenerationParameters(temperature: 0, maxTokens: 48)
        medium.parameters = GenerationParameters(temperature: 0, maxTokens: 160)
        var grader = JudgeConfig(name: "grader", type: "score", model: "medium")
        grader.scale = 10
        grader.threshold = 7
        grader.parameters = GenerationParameters(maxTokens: 320)
        var ladder = SystemConfig(name: "ladder", type: "cascade")
        ladder.levels = [.model("small"), .model("medium")]
        ladder.gate = GateConfig(judge: "grader")
        ladder.finalCheck = true  // every level's verdict is checked below
        var panel = SystemConfig(name: "panel", type: "debate")
        panel.levels = [
            .workers(DebateLevel(workers: [DebateWorker(model: "small"), DebateWorker(model: "small")], rounds: 1)),
            .workers(DebateLevel(workers: [DebateWorker(model: "medium")], rounds: 0)),
        ]
        panel.judge = "grader"
        var mix = SystemConfig(name: "mix", type: "moa")
        mix.layers = [["small", "small"]]
        mix.aggregator = "medium"
        return QuorumConfig(models: [small, medium], judges: [grader], systems: [ladder, panel, mix])
    }

    /// The first items of `datasets/quick-qa.jsonl`.
    static func questions() throws -> [Question] {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let text = try String(contentsOf: root.appendingPathComponent("datasets/quick-qa.jsonl"), encoding: .utf8)
        return try text.split(separator: "\n").prefix(itemCount).map { line in
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            var question = Question(
                id: try #require(object["id"] as? String), prompt: try #require(object["prompt"] as? String),
                reference: object["answer"] as? String)
            question.category = object["category"] as? String
            return question
        }
    }
}
