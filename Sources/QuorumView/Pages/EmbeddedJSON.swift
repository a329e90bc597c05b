import Foundation

/// A value as JSON inside a page's `<script type="application/json">`, read by the page's script.
enum EmbeddedJSON {
    /// Every `<` escaped, so no text in an answer can close the element.
    static func text(_ value: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let text = (try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
        return text.replacingOccurrences(of: "<", with: "\\u003c")
    }
}
