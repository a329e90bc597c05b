import Foundation

/// A URL's query as a form sends it (`+` for a space, percent escapes), in order. Hummingbird's
/// own `queryParameters` keeps `+` as is, which would turn "night nurse" typed in a filter into
/// "night+nurse".
struct ViewQuery: Sendable {
    private(set) var pairs: [(name: String, value: String)]

    init(_ query: String?) {
        pairs = (query ?? "").split(separator: "&").compactMap { part in
            let halves = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = halves.first.map({ Self.decode($0) }), !name.isEmpty else { return nil }
            return (name, halves.count > 1 ? Self.decode(halves[1]) : "")
        }
    }

    init(_ pairs: [(name: String, value: String)]) {
        self.pairs = pairs
    }

    /// The first value of `name`, trimmed; `nil` when absent or blank (an unused form field).
    subscript(_ name: String) -> String? {
        let value = pairs.first { $0.name == name }?.value.trimmingCharacters(in: .whitespacesAndNewlines)
        return value?.isEmpty == false ? value : nil
    }

    func removing(_ name: String) -> ViewQuery { ViewQuery(pairs.filter { $0.name != name }) }

    /// `?a=1&b=2`, or nothing for an empty query.
    var suffix: String {
        pairs.isEmpty ? "" : "?" + pairs.map { "\(Self.encode($0.name))=\(Self.encode($0.value))" }.joined(separator: "&")
    }

    /// `?` and the given non-nil parameters, percent-encoded: links between pages.
    static func link(_ path: String, _ parameters: [(String, String?)]) -> String {
        path + ViewQuery(parameters.compactMap { name, value in value.map { (name, $0) } }).suffix
    }

    static func decode(_ text: Substring) -> String {
        let spaced = text.replacingOccurrences(of: "+", with: " ")
        return spaced.removingPercentEncoding ?? spaced
    }

    /// Everything but unreserved characters escaped, so a value may hold `&`, `=`, `/` or `+`.
    static func encode(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? text
    }

    /// One path segment (`/runs/RUN/judge/NAME`), escaped the same way.
    static func segment(_ text: String) -> String { encode(text) }

    private static let unreserved = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
}
