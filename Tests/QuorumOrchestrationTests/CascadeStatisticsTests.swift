import Foundation
import QuorumCore
import Testing

@testable import QuorumOrchestration

/// A model that is right with a known probability, decided by a stable hash of (model, item).
struct SimulatedModel: ChatModel {
    let name: String
    let accuracy: Double
    let cost: USD

    func complete(_ request: ChatRequest) async throws -> Completion {
        let prompt = request.messages.last?.content ?? ""
        let item = prompt.range(of: #"item-\d+"#, options: .regularExpression).map { String(prompt[$0]) } ?? "?"
        var random = SeededRandom(name, item)
        let text = random.nextUnit() < accuracy ? "R-\(item)-\(name)" : "W-\(item)-\(name)"
        return Completion(text: text, cost: cost)
    }
}

/// A judge model that is right about an answer with a known probability.
struct SimulatedJudge: ChatModel {
    let name = "judge"
    let accuracy: Double
    let cost: USD

    func complete(_ request: ChatRequest) async throws -> Completion {
        let prompt = request.messages.last?.content ?? ""
        let isCorrect = prompt.hasPrefix("ANSWER=R-")
        var random = SeededRandom(name, prompt)
        let isRight = random.nextUnit() < accuracy
        let text = isCorrect == isRight ? verdictJSON(score: 1) : verdictJSON(score: 0, verdict: "Invalid")
        return Completion(text: text, cost: cost)
    }
}

@Suite("Cascade statistics")
struct CascadeStatisticsTests {
    @Test("measured accuracy and cost match the values computed from the models' and judge's accuracies")
    func matchesTheory() async throws {
        let (p1, p2, q) = (0.6, 0.9, 0.85)
        let (c1, c2, cj) = (usd("0.001"), usd("0.01"), usd("0.0005"))
        let context = makeContext([
            SimulatedModel(name: "small", accuracy: p1, cost: c1), SimulatedModel(name: "large", accuracy: p2, cost: c2),
            SimulatedJudge(accuracy: q, cost: cj),
        ])
        let judge = ScoreJudge(name: "sim", model: "judge", prompt: "ANSWER={answer}")
        let system = CascadeSystem(
            name: "c", levels: [.model("small", .init()), .model("large", .init())], gate: .judge(judge),
            gatesLastLevel: true)
        let count = 2_000
        var correct = 0
        var escalated = 0
        var total = USD.zero
        var calls: [String: Int] = [:]
        for index in 0..<count {
            let answer = try await system.answer(Question(id: "\(index)", prompt: "Solve item-\(index)."), in: context)
            if answer.text.hasPrefix("R-") { correct += 1 }
            if answer.level == 2 { escalated += 1 }
            total += answer.totalCost
            for call in answer.trace.calls { calls[call.model, default: 0] += 1 }
        }
        let acceptFirst = p1 * q + (1 - p1) * (1 - q)
        let expectedAccuracy = p1 * q + (1 - acceptFirst) * p2
        let expectedCost = (c1 + cj).doubleValue + (1 - acceptFirst) * (c2 + cj).doubleValue
        let n = Double(count)
        let accuracy = Double(correct) / n
        let accuracyError = (expectedAccuracy * (1 - expectedAccuracy) / n).squareRoot()
        #expect(abs(accuracy - expectedAccuracy) < 4 * accuracyError, "accuracy \(accuracy) vs \(expectedAccuracy)")
        let escalationRate = Double(escalated) / n
        let escalationError = (acceptFirst * (1 - acceptFirst) / n).squareRoot()
        #expect(abs(escalationRate - (1 - acceptFirst)) < 4 * escalationError)
        let costError = (c2 + cj).doubleValue * escalationError
        #expect(abs(total.doubleValue / n - expectedCost) < 4 * costError, "cost \(total.doubleValue / n) vs \(expectedCost)")
        // The exact sum: every call counted once, nothing rounded.
        let exact = USD(Decimal(calls["small"]!) * c1.amount + Decimal(calls["large"]!) * c2.amount
            + Decimal(calls["judge"]!) * cj.amount)
        #expect(total == exact)
        #expect(calls["small"] == count && calls["large"] == escalated && calls["judge"] == count + escalated)
    }
}
