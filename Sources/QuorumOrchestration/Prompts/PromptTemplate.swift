/// Fills `{name}` placeholders in a prompt template.
///
/// Only names present in `values` are replaced, so literal braces (JSON examples inside a prompt)
/// survive, and the text substituted in is never scanned again (an answer that contains
/// `{question}` stays as written).
public enum PromptTemplate {
    /// `template` with every `{name}` whose name is a key of `values` replaced by its value.
    public static func fill(_ template: String, _ values: [String: String]) -> String {
        // Works on UTF-8 positions: prompts are filled for every call, and `{`/`}` are ASCII.
        let utf8 = template.utf8
        guard utf8.contains(UInt8(ascii: "{")) else { return template }
        var result = ""
        result.reserveCapacity(utf8.count + values.values.reduce(0) { $0 + $1.utf8.count })
        var copied = utf8.startIndex
        var cursor = utf8.startIndex
        while let open = utf8[cursor...].firstIndex(of: UInt8(ascii: "{")) {
            let afterOpen = utf8.index(after: open)
            guard let close = utf8[afterOpen...].firstIndex(where: { $0 == UInt8(ascii: "}") || $0 == UInt8(ascii: "{") })
            else { break }
            if utf8[close] == UInt8(ascii: "}"), let value = values[String(template[afterOpen..<close])] {
                result += template[copied..<open]
                result += value
                copied = utf8.index(after: close)
                cursor = copied
            } else {
                cursor = utf8[close] == UInt8(ascii: "{") ? close : utf8.index(after: close)
            }
        }
        result += template[copied...]
        return result
    }
}
