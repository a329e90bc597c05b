/// `scenarios:` — the fixed situations every (model, prompt) cell of a grid answers: read from a
/// file, or generated as the cartesian product of named factors (persona × time slot), optionally
/// a seeded sample of it. The same config always yields the same scenarios in the same order.
public struct ScenariosConfig: Sendable, Hashable, Codable {
    /// A JSONL, JSON or CSV file (relative to the config) whose rows are scenarios: an `id` field
    /// and any fields the prompt templates use.
    public var path: String?
    /// Factor name → values, in the order written (`persona: [student, nurse]`).
    public var factors: [NamedValues]?
    /// Fixed context per factor value: `context: {persona: {student: {tasks: "…"}}}` adds `tasks` to
    /// every scenario whose persona is `student`.
    public var context: [String: [String: [String: String]]]?
    /// Fields every scenario has (`{city: Haifa}`).
    public var fields: [String: String]?
    /// Keep a seeded sample of this many scenarios of the product.
    public var n: Int?
    public var seed: Int?

    public init(path: String? = nil, factors: [NamedValues]? = nil) {
        self.path = path
        self.factors = factors
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case path, factors, context, fields, n, seed }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        path = try container.decodeIfPresent(String.self, forKey: .path)
        context = try container.decodeIfPresent([String: [String: [String: String]]].self, forKey: .context)
        fields = try container.decodeIfPresent([String: String].self, forKey: .fields)
        n = try container.decodeIfPresent(Int.self, forKey: .n)
        seed = try container.decodeIfPresent(Int.self, forKey: .seed)
        if container.contains(.factors) {
            // A YAML mapping keeps its written order through `allKeys`; that order is the product's.
            let factors = try container.nestedContainer(keyedBy: AnyConfigKey.self, forKey: .factors)
            self.factors = try factors.allKeys.map { try NamedValues(key: $0, in: factors) }
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(path, forKey: .path)
        try container.encodeIfPresent(context, forKey: .context)
        try container.encodeIfPresent(fields, forKey: .fields)
        try container.encodeIfPresent(n, forKey: .n)
        try container.encodeIfPresent(seed, forKey: .seed)
        if let factors {
            var nested = container.nestedContainer(keyedBy: AnyConfigKey.self, forKey: .factors)
            for factor in factors { try nested.encode(factor.values, forKey: AnyConfigKey(stringValue: factor.name)) }
        }
    }
}

/// A factor and its values (`persona: [student, nurse]`).
public typealias NamedValues = CoEvalNamedValues
