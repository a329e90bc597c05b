import QuorumCore

/// Built-in prices (USD per 1M tokens) of well-known models, used when a config gives none.
///
/// Prices change; the table is dated (`asOf`) and `quorum models prices` prints it, so a user
/// can see what Quorum assumes and override any model with `price:` in the config.
public struct PriceTable: Sendable {
    /// One row of the table.
    public struct Entry: Sendable, Hashable, Codable {
        public var vendor: String
        public var model: String
        public var price: Price
        /// The context window in tokens (prompt and answer together), where known.
        public var contextWindow: Int?
    }

    /// The date the built-in prices were checked against the vendors' price pages.
    public var asOf: String
    public var entries: [Entry]
    private let byModel: [String: Price]
    private let windows: [String: Int]

    public init(asOf: String, entries: [Entry]) {
        self.asOf = asOf
        self.entries = entries
        self.byModel = Dictionary(entries.map { ($0.model, $0.price) }, uniquingKeysWith: { first, _ in first })
        self.windows = Dictionary(
            entries.compactMap { entry in entry.contextWindow.map { (entry.model, $0) } }, uniquingKeysWith: { first, _ in first })
    }

    /// The price of `model`, trying the id as given, then without a vendor prefix
    /// (`openai/gpt-4.1`), then without a date suffix (`gpt-4o-2024-08-06`, `claude-sonnet-4-20250514`, `-latest`).
    public func price(for model: String, provider: String? = nil) -> Price? {
        for candidate in Self.candidates(for: model) {
            if let price = byModel[candidate] { return price }
        }
        return nil
    }

    /// The context window of `model` in tokens, looked up like `price(for:)`; `nil` when unknown.
    public func contextWindow(for model: String) -> Int? {
        for candidate in Self.candidates(for: model) {
            if let window = windows[candidate] { return window }
        }
        return nil
    }

    static func candidates(for model: String) -> [String] {
        var result = [model]
        let unprefixed = model.split(separator: "/", maxSplits: 1).last.map(String.init) ?? model
        if unprefixed != model { result.append(unprefixed) }
        for name in [model, unprefixed] {
            if let undated = withoutDateSuffix(name), undated != name { result.append(undated) }
        }
        return result
    }

    private static func withoutDateSuffix(_ name: String) -> String? {
        var parts = name.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
        if parts.last == "latest" { parts.removeLast() }
        // -YYYYMMDD, or -YYYY-MM-DD, or -MMDD (Gemini previews)
        if let last = parts.last, last.count == 8, last.allSatisfy(\.isNumber) {
            parts.removeLast()
        } else if parts.count >= 4, parts.suffix(3).allSatisfy({ $0.allSatisfy(\.isNumber) }), parts[parts.count - 3].count == 4 {
            parts.removeLast(3)
        }
        return parts.joined(separator: "-")
    }
}
