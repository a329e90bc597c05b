/// `dataset:` — where the items come from and how their fields map.
public struct DatasetConfig: Sendable, Hashable, Codable {
    /// A file path (relative to the config file) or `builtin:NAME`.
    public var path: String
    /// `jsonl`, `csv` or `json`; inferred from the extension when absent.
    public var format: String?
    public var fields: FieldMapping?
    public var limit: Int?
    public var sample: SampleConfig?
    /// Keep items whose field equals the value (`category: math`).
    public var filter: [String: String]?

    public init(path: String) { self.path = path }

    enum CodingKeys: String, CodingKey, CaseIterable { case path, format, fields, limit, sample, filter }
}

/// Which source field holds each item field.
public struct FieldMapping: Sendable, Hashable, Codable {
    public var id: String?
    public var prompt: String?
    public var messages: String?
    public var reference: String?
    public var tags: String?
    public var category: String?
    public var system: String?

    public init() {}

    enum CodingKeys: String, CodingKey, CaseIterable { case id, prompt, messages, reference, tags, category, system }
}

/// A seeded random sample of `n` items.
public struct SampleConfig: Sendable, Hashable, Codable {
    public var n: Int
    public var seed: Int?

    public init(n: Int, seed: Int? = nil) {
        self.n = n
        self.seed = seed
    }
}
