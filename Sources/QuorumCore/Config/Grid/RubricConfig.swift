/// One entry of `rubrics:` — a versioned scoring sheet that LLM judges (`type: rubric, rubric: ID`)
/// and people (`quorum judge export/apply`) fill in alike, so their scores are comparable.
public struct RubricConfig: Sendable, Hashable, Codable {
    /// `tip-v1`: what judges, runs and judging files name it by.
    public var id: String
    public var version: String?
    public var description: String?
    public var criteria: [RubricScaleCriterion]
    /// Yes/no checks (`format_ok`, `overlong`): 1 or 0 in the composite.
    public var flags: [RubricFlag]?
    /// An expression over criteria and flags (`relevance + tone + 2*format_ok - overlong`); the
    /// criteria's sum when absent.
    public var composite: String?

    public init(id: String, criteria: [RubricScaleCriterion]) {
        self.id = id
        self.criteria = criteria
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case id, version, description, criteria, flags, composite }
}

/// A criterion scored on an integer scale, with anchor examples that calibrate what a score means.
public struct RubricScaleCriterion: Sendable, Hashable, Codable {
    public var name: String
    public var description: String?
    /// `[1, 5]` (the default).
    public var scale: [Int]?
    /// Score → what such an answer looks like (`1: "ignores the tasks"`).
    public var anchors: [String: String]?

    public init(name: String, description: String? = nil, scale: [Int]? = nil, anchors: [String: String]? = nil) {
        self.name = name
        self.description = description
        self.scale = scale
        self.anchors = anchors
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case name, description, scale, anchors }

    public var low: Int { scale?.first ?? 1 }
    public var high: Int { scale?.last ?? 5 }
}

/// A yes/no check of a rubric.
public struct RubricFlag: Sendable, Hashable, Codable {
    public var name: String
    public var description: String?

    public init(name: String, description: String? = nil) {
        self.name = name
        self.description = description
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case name, description }
}
