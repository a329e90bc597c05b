/// The prompts one system uses: its YAML overrides over Quorum's defaults.
public struct PromptSet: Sendable, Hashable {
    /// Overrides by prompt name (`refine`, `critique`, `persona.strict`, …).
    public var overrides: [String: String]

    public init(overrides: [String: String] = [:]) {
        self.overrides = overrides
    }

    /// The override for `name`, else the default; an unknown name with no override is empty.
    public func template(_ name: String) -> String {
        overrides[name] ?? DefaultPrompts.text(named: name) ?? ""
    }

    /// `template(name)` with its placeholders filled.
    public func render(_ name: String, _ values: [String: String]) -> String {
        PromptTemplate.fill(template(name), values)
    }

    /// The system prompt for a debate persona: a named one (`strict`, `very strict`,
    /// `medium strict`, overridable as `persona.NAME`) or the persona text itself.
    public func persona(_ persona: String) -> String {
        let key = "persona." + persona.lowercased().replacingOccurrences(of: " ", with: "_")
            .replacingOccurrences(of: "-", with: "_")
        if let text = overrides[key] ?? DefaultPrompts.text(named: key) { return text }
        return persona
    }

    /// Default personas given to debate workers that name none, in worker order.
    public static let defaultPersonas = ["strict", "very strict", "medium strict"]
}
