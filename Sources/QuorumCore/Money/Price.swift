import Foundation

/// What a model charges, in USD per one million tokens.
public struct Price: Sendable, Hashable, Codable {
    public var input: USD
    public var output: USD
    /// Price of prompt tokens served from cache; `nil` means the same as `input`.
    public var cachedInput: USD?

    public init(input: USD, output: USD, cachedInput: USD? = nil) {
        self.input = input
        self.output = output
        self.cachedInput = cachedInput
    }

    public static let free = Price(input: .zero, output: .zero)

    enum CodingKeys: String, CodingKey {
        case input, output, cachedInput = "cached_input"
    }

    /// Exact cost of `usage` at this price.
    public func cost(of usage: Usage) -> USD {
        let cached = Decimal(min(usage.cachedPromptTokens, usage.promptTokens))
        let uncached = Decimal(usage.promptTokens) - cached
        let cachedRate = (cachedInput ?? input).amount
        let total = uncached * input.amount + cached * cachedRate + Decimal(usage.completionTokens) * output.amount
        // Per million tokens: shift the decimal point six places, which is exact and, unlike a
        // `Decimal` division, cheap (the division was 2% of a `quorum serve` passthrough).
        return USD(Decimal(sign: .plus, exponent: -6, significand: total))
    }
}
