/// Fills `{name}` placeholders in a prompt template.
///
/// Only names present in `values` are replaced, so literal braces (JSON examples inside a prompt)
/// survive, and the text substituted in is never scanned again (an answer that contains
/// `{question}` stays as written).
public enum PromptTemplate {
    /// `template` with every `{name}` whose name is a key of `values` replaced by its value.
    public static func fill(_ template: String, _ values: [String: String]) -> String {
        guard template.contains("{") else { return template }
        var result = ""
        result.reserveCapacity(template.utf8.count)
        var rest = template[...]
        while let open = rest.firstIndex(of: "{") {
            result += rest[..<open]
            let afterOpen = rest.index(after: open)
            if let close = rest[afterOpen...].firstIndex(of: "}"),
                let value = values[String(rest[afterOpen..<close])]
            {
                result += value
                rest = rest[rest.index(after: close)...]
            } else {
                result.append("{")
                rest = rest[afterOpen...]
            }
        }
        result += rest
        return result
    }

    /// The placeholder names a template uses, in order of first appearance (for `quorum prompts`).
    public static func placeholders(in template: String) -> [String] {
        var names: [String] = []
        var rest = template[...]
        while let open = rest.firstIndex(of: "{") {
            let afterOpen = rest.index(after: open)
            guard let close = rest[afterOpen...].firstIndex(of: "}") else { break }
            let name = String(rest[afterOpen..<close])
            if !name.isEmpty, name.allSatisfy({ $0.isLetter || $0 == "_" }), !names.contains(name) {
                names.append(name)
            }
            rest = rest[afterOpen...]
        }
        return names
    }
}
