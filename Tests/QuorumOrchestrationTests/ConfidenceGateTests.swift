import Foundation
import QuorumCore
import QuorumTesting
import Testing

@testable import QuorumOrchestration

/// A model that answers with fixed token logprobs when asked for them, and records whether it was.
struct ConfidentModel: ChatModel {
    let name: String
    let log: CallLog
    let text: String
    let logprobs: [Double]

    func complete(_ request: ChatRequest) async throws -> Completion {
        _ = await log.append(name, request)
        let tokens = request.parameters.logprobs.map { alternatives in
            logprobs.enumerated().map { index, value in
                TokenLogprob(
                    token: "t\(index)", logprob: value,
                    top: alternatives >= 2 ? [.init(token: "t\(index)", logprob: value), .init(token: "x", logprob: value - 2)] : [])
            }
        }
        return Completion(text: text, usage: Usage(promptTokens: 10, completionTokens: logprobs.count), cost: USD(string: "0.001")!,
                          model: name, logprobs: tokens)
    }
}

@Suite("Confidence gate")
struct ConfidenceGateTests {
    let question = Question(id: "q1", prompt: "What is 6 × 7?")

    func cascade(_ rule: ConfidenceRule) -> CascadeSystem {
        CascadeSystem(
            name: "confident", levels: [.model("small", GenerationParameters()), .model("large", GenerationParameters())],
            gate: .confidence(rule))
    }

    @Test("a confident small answer is accepted with no call but the answer's own, which asked for logprobs")
    func acceptsConfident() async throws {
        let log = CallLog()
        let context = makeContext([
            ConfidentModel(name: "small", log: log, text: "42", logprobs: [-0.01, -0.2]),
            ConfidentModel(name: "large", log: log, text: "42", logprobs: [-0.01]),
        ])
        let answer = try await cascade(ConfidenceRule(signal: .mean, threshold: -0.5)).answer(question, in: context)
        #expect(answer.level == 1)
        #expect(await log.models == ["small"])
        #expect(await log.calls(to: "small").first?.request.parameters.logprobs == 0)
        #expect(abs((answer.trace.gateDecisions.first?.score ?? 0) + 0.105) < 1e-9)
    }

    @Test("an unsure small answer escalates; a margin gate asks for two alternatives per token")
    func escalatesUnsure() async throws {
        let log = CallLog()
        let context = makeContext([
            ConfidentModel(name: "small", log: log, text: "41", logprobs: [-0.01, -3.0]),
            ConfidentModel(name: "large", log: log, text: "42", logprobs: [-0.01]),
        ])
        let answer = try await cascade(ConfidenceRule(signal: .min, threshold: -1)).answer(question, in: context)
        #expect(answer.text == "42")
        #expect(await log.models == ["small", "large"])
        let margin = try await cascade(ConfidenceRule(signal: .margin, threshold: 1)).answer(question, in: context)
        #expect(margin.level == 1)  // every token is 2 nats ahead of its runner-up
        #expect(await log.calls(to: "small").last?.request.parameters.logprobs == 2)
    }

    @Test("an answer that came without logprobs fails the gate and says why")
    func noLogprobs() async throws {
        let log = CallLog()
        let context = makeContext([
            ScriptedModel("small", log: log, answers: ["41"]),
            ScriptedModel("large", log: log, answers: ["42"]),
        ])
        let answer = try await cascade(ConfidenceRule(signal: .mean, threshold: -0.5)).answer(question, in: context)
        #expect(answer.level == 2)
        #expect(answer.trace.gateDecisions.first?.passed == false)
    }

    @Test("signals over token logprobs", arguments: [
        (ConfidenceRule.Signal.mean, 0.1, -1.0),
        (.min, 0.1, -2.0),
        (.quantile, 0.5, -0.75),
        (.quantile, 0.0, -2.0),
    ])
    func signals(signal: ConfidenceRule.Signal, q: Double, expected: Double) {
        let tokens = [-0.5, -2.0, -1.0, -0.5].enumerated().map { TokenLogprob(token: "t\($0.offset)", logprob: $0.element) }
        #expect(ConfidenceRule(signal: signal, q: q, threshold: 0).value(of: tokens + [TokenLogprob(token: "", logprob: -9)]) == expected)
    }

    @Test("total sums the logprobs; a longer answer with the same tokens scores lower, unlike the mean")
    func total() {
        let token = TokenLogprob(token: "a", logprob: -0.5)
        let rule = ConfidenceRule(signal: .total, threshold: 0)
        #expect(rule.value(of: [token, token]) == -1.0)
        #expect(rule.value(of: [token, token, token, token]) == -2.0)
        #expect(ConfidenceRule(signal: .mean, threshold: 0).value(of: [token, token, token, token]) == -0.5)
    }

    @Test("entropy is minus the summed entropy of each token's top five alternatives; a torn token lowers it")
    func entropy() throws {
        let sure = TokenLogprob(token: "7", logprob: 0, top: [.init(token: "7", logprob: 0)])
        let alternatives = { (probabilities: [Double]) in
            probabilities.enumerated().map { TokenLogprob.Alternative(token: "t\($0.offset)", logprob: log($0.element)) }
        }
        // Two equally likely alternatives: ln 2 nats each.
        let torn = TokenLogprob(token: "t0", logprob: log(0.5), top: alternatives([0.5, 0.5]))
        let rule = ConfidenceRule(signal: .entropy, threshold: 0)
        #expect(rule.value(of: [sure]) == 0)
        let value = try #require(rule.value(of: [sure, torn, torn]))
        #expect(abs(value - -2 * log(2.0)) < 1e-9)
        // Six alternatives at 1/6: only the five likeliest count, whatever the provider returned.
        let six = TokenLogprob(token: "t0", logprob: log(1.0 / 6), top: alternatives(Array(repeating: 1.0 / 6, count: 6)))
        let five = try #require(rule.value(of: [six]))
        #expect(abs(five - -5.0 / 6 * log(6.0)) < 1e-9)
        #expect(ConfidenceRule.Signal.entropy.alternativesWanted == 5)
        // Without alternatives there is nothing to read.
        #expect(rule.value(of: [TokenLogprob(token: "a", logprob: -1)]) == nil)
    }

    @Test("no tokens, or a margin without runners-up, is no signal rather than a number")
    func noSignal() {
        #expect(ConfidenceRule(signal: .mean, threshold: 0).value(of: []) == nil)
        #expect(ConfidenceRule(signal: .margin, threshold: 0).value(of: [TokenLogprob(token: "a", logprob: -1)]) == nil)
    }
}
