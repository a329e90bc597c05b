import Foundation

/// An answer's style as arena-hard-auto measures it for style control: length and markdown
/// elements (headers, list items, bold spans), counted after removing fenced code blocks.
public struct StyleFeatures: Sendable, Hashable, Codable {
    /// Length in tokens, approximated by whitespace-separated words (no tokenizer is shipped).
    public var tokens: Int
    public var headers: Int
    public var listItems: Int
    public var bold: Int

    public init(tokens: Int, headers: Int, listItems: Int, bold: Int) {
        self.tokens = tokens
        self.headers = headers
        self.listItems = listItems
        self.bold = bold
    }

    /// Measures `text`.
    public init(of text: String) {
        let prose = Self.removing(#"```[^`]*```"#, from: text)
        tokens = text.split(whereSeparator: { $0.isWhitespace }).count
        headers = Self.count(#"(?m)^#{1,6}\s"#, in: prose)
        listItems = Self.count(#"(?m)^\s*\d+\.\s"#, in: prose) + Self.count(#"(?m)^\s*[-*+]\s"#, in: prose)
        bold = Self.count(#"\*\*[^*\n]+\*\*"#, in: prose) + Self.count(#"__[^_\n]+__"#, in: prose)
    }

    /// The names of the covariates `difference(from:)` returns, in order.
    public static let covariateNames = ["length", "headers", "lists", "bold"]

    /// arena-hard-auto's differenced features: (a − b)/(a + b) for length, and for each markdown
    /// density (count per token) (d_a − d_b)/(d_a + d_b + 1).
    public func difference(from other: StyleFeatures) -> [Double] {
        let total = Double(tokens + other.tokens)
        let length = total == 0 ? 0 : Double(tokens - other.tokens) / total
        func density(_ count: Int, _ tokens: Int) -> Double { tokens == 0 ? 0 : Double(count) / Double(tokens) }
        let pairs = [(headers, other.headers), (listItems, other.listItems), (bold, other.bold)]
        return [length] + pairs.map { mine, theirs in
            let a = density(mine, tokens)
            let b = density(theirs, other.tokens)
            return (a - b) / (a + b + 1)
        }
    }

    /// Standardizes each column to mean 0 and standard deviation 1 (constant or non-finite columns
    /// become 0, and so do all columns of rows that are not all the same width).
    public static func standardized(_ rows: [[Double]]) -> [[Double]] {
        guard let width = rows.first?.count, rows.count > 1, rows.allSatisfy({ $0.count == width }) else {
            return rows.map { $0.map { _ in 0 } }
        }
        var result = rows
        for column in 0..<width {
            let values = rows.map { $0[column] }
            let mean = values.reduce(0, +) / Double(values.count)
            let variance = values.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(values.count - 1)
            let deviation = variance.squareRoot()
            let usable = deviation > 1e-12 && deviation.isFinite
            for row in result.indices { result[row][column] = usable ? (rows[row][column] - mean) / deviation : 0 }
        }
        return result
    }

    static func count(_ pattern: String, in text: String) -> Int {
        guard let regex = try? NSRegularExpression(pattern: pattern) else { return 0 }
        return regex.numberOfMatches(in: text, range: NSRange(text.startIndex..., in: text))
    }

    static func removing(_ pattern: String, from text: String) -> String {
        guard let regex = try? NSRegularExpression(pattern: pattern) else { return text }
        return regex.stringByReplacingMatches(
            in: text, range: NSRange(text.startIndex..., in: text), withTemplate: "")
    }
}
