import Foundation

/// An exact amount of US dollars. Sums never round; only `formatted` does, for display.
public struct USD: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public var amount: Decimal

    public init(_ amount: Decimal) { self.amount = amount }

    /// Parses a decimal string such as `"0.0042"` exactly (no binary floating point on the way).
    public init?(string: String) {
        guard let value = Decimal(string: string, locale: Locale(identifier: "en_US_POSIX")) else { return nil }
        self.amount = value
    }

    public static let zero = USD(0)

    public static func + (lhs: USD, rhs: USD) -> USD { USD(lhs.amount + rhs.amount) }
    public static func - (lhs: USD, rhs: USD) -> USD { USD(lhs.amount - rhs.amount) }
    public static func += (lhs: inout USD, rhs: USD) { lhs.amount += rhs.amount }
    public static func < (lhs: USD, rhs: USD) -> Bool { lhs.amount < rhs.amount }

    /// The amount as a `Double`, for statistics and charts only; never sum these.
    public var doubleValue: Double { NSDecimalNumber(decimal: amount).doubleValue }

    /// Display string with enough digits for sub-cent LLM costs: `$0.000123`, `$1.23`.
    public var formatted: String {
        let value = doubleValue
        if value == 0 { return "$0" }
        if abs(value) >= 1 { return String(format: "$%.2f", value) }
        if abs(value) >= 0.01 { return String(format: "$%.4f", value) }
        return String(format: "$%.6f", value)
    }

    public var description: String { formatted }

    /// Exact decimal string, e.g. for storage: `"0.000123"`.
    public var exactString: String { NSDecimalNumber(decimal: amount).stringValue }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let text = try? container.decode(String.self), let value = USD(string: text) {
            self = value
        } else {
            // Numbers are read through their shortest decimal text so 0.1 stays 0.1.
            let number = try container.decode(Double.self)
            self = USD(string: "\(number)") ?? USD(Decimal(number))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(exactString)
    }
}

extension Sequence where Element == USD {
    /// The exact sum.
    public func sum() -> USD { reduce(.zero, +) }
}
