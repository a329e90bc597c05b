/// A CoEval input teachers may propose: `auto`, or entries written in YAML as a mapping (keys keep
/// the order written). `target_attributes:`/`nuanced_attributes:` hold attribute → values,
/// `rubric:` criterion → description.
public enum CoEvalProposable<Entry: CoEvalMappingEntry>: Sendable, Hashable, Codable {
    /// Teachers propose it (phase 1 or 2).
    case auto
    case given([Entry])

    public init(from decoder: any Decoder) throws {
        if let word = try? decoder.singleValueContainer().decode(String.self) {
            guard word == "auto" else {
                throw DecodingError.dataCorrupted(.init(
                    codingPath: decoder.codingPath, debugDescription: "expected auto or \(Entry.shape), found '\(word)'"))
            }
            self = .auto
        } else if let list = try? decoder.singleValueContainer().decode([Entry].self) {
            self = .given(list)
        } else {
            // A YAML mapping: `allKeys` follows the document, so the written order survives.
            let container = try decoder.container(keyedBy: AnyConfigKey.self)
            self = .given(try container.allKeys.map { try Entry(key: $0, in: container) })
        }
    }

    /// `"auto"` or a list of entries (a list keeps the order through JSON).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .auto: try container.encode("auto")
        case .given(let list): try container.encode(list)
        }
    }

    public var isAuto: Bool { self == .auto }

    /// The written entries, or `nil` for `auto`.
    public var given: [Entry]? {
        if case .given(let list) = self { return list }
        return nil
    }
}

/// One `key: value` line of a proposable mapping.
public protocol CoEvalMappingEntry: Sendable, Hashable, Codable {
    /// `a mapping of name: [values]`, for messages.
    static var shape: String { get }
    init(key: AnyConfigKey, in container: KeyedDecodingContainer<AnyConfigKey>) throws
}

public typealias CoEvalAttributesConfig = CoEvalProposable<CoEvalNamedValues>
public typealias CoEvalRubricConfig = CoEvalProposable<CoEvalNamedText>

/// An attribute and its values (`complexity: [simple, complex]`; a single value is a list of one).
public struct CoEvalNamedValues: CoEvalMappingEntry {
    public var name: String
    public var values: [String]

    public init(name: String, values: [String]) {
        self.name = name
        self.values = values
    }

    public static let shape = "a mapping of name: [values]"

    public init(key: AnyConfigKey, in container: KeyedDecodingContainer<AnyConfigKey>) throws {
        let values = try (try? container.decode([String].self, forKey: key)) ?? [container.decode(String.self, forKey: key)]
        self.init(name: key.stringValue, values: values)
    }
}

/// A rubric criterion as written: name and description, or `{description: …, metric: NAME}` for a
/// criterion scored by a metric against the item's reference instead of by LLM judges.
public struct CoEvalNamedText: CoEvalMappingEntry {
    public var name: String
    public var text: String
    /// `exact_match`, `contains`, `numeric`, `bleu`, `rouge-l` or `code-tests`; `nil` for LLM judges.
    public var metric: String?

    public init(name: String, text: String, metric: String? = nil) {
        self.name = name
        self.text = text
        self.metric = metric
    }

    public static let shape = "a mapping of criterion: description"

    public init(key: AnyConfigKey, in container: KeyedDecodingContainer<AnyConfigKey>) throws {
        if let text = try? container.decode(String.self, forKey: key) {
            self.init(name: key.stringValue, text: text)
            return
        }
        let scored = try container.decode(CoEvalMetricCriterion.self, forKey: key)
        self.init(
            name: key.stringValue, text: scored.description ?? "scored by the \(scored.metric) metric", metric: scored.metric)
    }
}

/// The mapping form of a rubric criterion: `{metric: exact_match, description: …}`.
struct CoEvalMetricCriterion: Decodable {
    var metric: String
    var description: String?
}

/// A coding key for mappings whose keys are data (attribute names, criteria).
public struct AnyConfigKey: CodingKey, Sendable {
    public var stringValue: String
    public var intValue: Int? { nil }
    public init(stringValue: String) { self.stringValue = stringValue }
    public init?(intValue: Int) { nil }
}
