/// One entry of `prompts:` — a named prompt version whose templates a grid fills from each
/// scenario's fields (`{persona}`, `{tasks}`).
public struct PromptVersionConfig: Sendable, Hashable, Codable {
    /// The name cells are keyed by (`terse`, `tip-v2`).
    public var name: String
    /// A free label recorded with the run (`2026-12-01`, `v3`), for telling edits of one name apart.
    public var version: String?
    /// The system message; none when absent.
    public var system: String?
    /// The user message.
    public var user: String

    public init(name: String, version: String? = nil, system: String? = nil, user: String) {
        self.name = name
        self.version = version
        self.system = system
        self.user = user
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case name, version, system, user }
}
