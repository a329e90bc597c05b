/// One entry of `coeval.prompts:` — a phase's prompt for every model (a string), or per model (a
/// mapping of model name → template, with `default` for the models not named).
public enum CoEvalPromptOverride: Sendable, Hashable, Codable {
    case all(String)
    case byModel([String: String])

    /// The key that names every model not listed in a per-model mapping.
    public static let defaultKey = "default"

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let text = try? container.decode(String.self) {
            self = .all(text)
        } else {
            self = .byModel(try container.decode([String: String].self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .all(let text): try container.encode(text)
        case .byModel(let map): try container.encode(map)
        }
    }

    /// The template written for `model` itself (not `default`), if any.
    public func template(forModel model: String) -> String? {
        if case .byModel(let map) = self { return map[model] }
        return nil
    }

    /// The template for every model: the string, or the mapping's `default`.
    public var fallback: String? {
        switch self {
        case .all(let text): text
        case .byModel(let map): map[Self.defaultKey]
        }
    }
}
