/// The `{name}` placeholders of a prompt template: what `quorum prompts` lists and what the
/// validator checks a grid's scenarios give.
public enum PlaceholderNames {
    /// The placeholder names a template uses, in order of first appearance (for `quorum prompts`).
    public static func of(_ template: String) -> [String] {
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
