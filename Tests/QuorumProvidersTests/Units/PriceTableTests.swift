import QuorumCore
import QuorumProviders
import Testing

@Suite("Built-in price table")
struct PriceTableTests {
    @Test("ids resolve with vendor prefixes, date suffixes and -latest", arguments: [
        ("gpt-4.1", "2"), ("gpt-4.1-2025-04-14", "2"), ("openai/gpt-4.1", "2"), ("gpt-4.1-mini", "0.4"),
        ("claude-sonnet-4-20250514", "3"), ("anthropic/claude-sonnet-4", "3"), ("claude-3-5-haiku-latest", "0.8"),
        ("gemini-2.5-flash", "0.3"), ("google/gemini-2.5-pro", "1.25"),
    ])
    func lookup(model: String, input: String) throws {
        let price = try #require(PriceTable.builtIn.price(for: model))
        #expect(price.input == USD(string: input)!)
    }

    @Test("unknown models have no built-in price")
    func unknown() {
        #expect(PriceTable.builtIn.price(for: "my-finetune") == nil)
        #expect(PriceTable.builtIn.price(for: "gpt-4.1-turbo-x") == nil)
    }

    @Test("costs are exact decimals and sum without rounding")
    func exactCost() throws {
        let price = try #require(PriceTable.builtIn.price(for: "gpt-4.1-nano"))
        let one = price.cost(of: Usage(promptTokens: 3, completionTokens: 1))  // 3 × 0.10 + 1 × 0.40 = 0.7 per 1M
        #expect(one == USD(string: "0.0000007")!)
        #expect(Array(repeating: one, count: 10).sum() == USD(string: "0.000007")!)
    }
}
