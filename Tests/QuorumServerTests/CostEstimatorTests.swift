import QuorumCore
import Testing
@testable import QuorumServer

/// What a request is held for before it is sent.
@Suite("Gateway: cost estimates")
struct CostEstimatorTests {
    static let price = Price(input: USD(string: "1")!, output: USD(string: "2")!)
    let estimator = CostEstimator(prices: ["small": [price], "cascade": [price, price]], defaultMaxTokens: 100)

    @Test("a model's prompt is over-counted and its output priced at max_tokens, per choice; a system at every model it reaches",
          arguments: [
            ("small", 5, nil, "0.000023", 18), ("small", nil, nil, "0.000213", 113), ("small", 5, 3, "0.000043", 28),
            ("cascade", 5, nil, "0.000046", 36), ("unpriced", 5, nil, "0", 18),
          ] as [(String, Int?, Int?, String, Int)])
    func estimates(target: String, maxTokens: Int?, choices: Int?, cost: String, tokens: Int) {
        // "What is 6 x 7?": 14 bytes → 5 tokens + 8 for the template = 13 prompt tokens.
        let request = ChatRequest(prompt: "What is 6 x 7?", parameters: GenerationParameters(maxTokens: maxTokens, n: choices))
        let estimate = estimator.estimate(request, target: target)
        #expect(estimate.cost == USD(string: cost)!)
        #expect(estimate.tokens == tokens)
    }
}
