/// One entry of `tasks:` — what teachers write items for, how items are sampled and how answers are judged.
public struct CoEvalTaskConfig: Sendable, Hashable, Codable {
    public var name: String
    /// What the task is, in the words teachers and students read.
    public var description: String
    /// What a good answer looks like (format, length), for teachers and students.
    public var outputDescription: String?
    /// Attributes items are stratified over, or `auto` to let teachers propose them (phase 1).
    public var targetAttributes: CoEvalAttributesConfig?
    /// Attributes that add variety without stratifying, or `auto`.
    public var nuancedAttributes: CoEvalAttributesConfig?
    public var sampling: CoEvalSamplingConfig?
    /// Criterion → description, or `auto` to let teachers propose it (phase 2).
    public var rubric: CoEvalRubricConfig?
    /// `single` (one judge call for every criterion) or `per_factor` (one call per criterion).
    public var evaluationMode: String?
    /// Prompt overrides by phase (`attribute_mapping`, `rubric_mapping`, `data_generation`,
    /// `response_collection`, `evaluation`), with `{placeholders}` as in the defaults.
    public var prompts: [String: String]?
    /// Target attributes whose sampled value is the item's label: the student's reply is read as a
    /// label and scored by exact match (with per-class precision, recall and F1 in the analysis).
    public var labelAttributes: [String]?

    public init(name: String, description: String) {
        self.name = name
        self.description = description
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case name, description, outputDescription = "output_description", targetAttributes = "target_attributes",
            nuancedAttributes = "nuanced_attributes", sampling, rubric, evaluationMode = "evaluation_mode", prompts,
            labelAttributes = "label_attributes"
    }

    /// Items each teacher writes for this task (`sampling.total`, default 10).
    public var total: Int { sampling?.total ?? 10 }
    /// `single` unless `per_factor` is asked for.
    public var isPerFactor: Bool { evaluationMode == "per_factor" }
}

/// `sampling:` — how many attributes each item draws, and how many items each teacher writes.
public struct CoEvalSamplingConfig: Sendable, Hashable, Codable {
    /// `[min, max]` target attributes per item.
    public var target: CoEvalRange?
    /// `[min, max]` nuanced attributes per item.
    public var nuance: CoEvalRange?
    public var total: Int?

    public init(target: CoEvalRange? = nil, nuance: CoEvalRange? = nil, total: Int? = nil) {
        self.target = target
        self.nuance = nuance
        self.total = total
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case target, nuance, total }
}

/// `[min, max]` in YAML (a single number means exactly that many).
public struct CoEvalRange: Sendable, Hashable, Codable {
    public var min: Int
    public var max: Int

    public init(min: Int, max: Int) {
        self.min = min
        self.max = max
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let single = try? container.decode(Int.self) {
            self.init(min: single, max: single)
            return
        }
        let pair = try container.decode([Int].self)
        guard pair.count == 2 else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "expected [min, max], found \(pair.count) number(s)")
        }
        self.init(min: pair[0], max: pair[1])
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode([min, max])
    }
}
