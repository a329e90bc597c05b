/// One entry of `judges:` — something that scores an answer.
public struct JudgeConfig: Sendable, Hashable, Codable {
    /// `score`, `pairwise`, `rubric`, `verifier`, `agreement`, `human`.
    public var name: String
    public var type: String
    /// The model (or system) that judges; not used by `verifier` and `agreement`.
    public var model: String?
    /// Pass mark: `0.0…1.0` for `scale: 1`, `1…10` for `scale: 10`.
    public var threshold: Double?
    /// `1` (score 0.0–1.0, the default) or `10` (score 1–10).
    public var scale: Int?
    /// A prompt template used verbatim, with `{question}`, `{answer}`, `{reference}` filled.
    public var prompt: String?
    /// Rubric criteria.
    public var criteria: [RubricCriterion]?
    /// A rubric of `rubrics:` by id, instead of inline `criteria`.
    public var rubric: String?
    /// Rubric: `single` (one call for all criteria) or `per_factor`.
    public var mode: String?
    /// Verifier kind: `exact`, `normalized`, `numeric`, `choice`, `regex`, `contains`, `json-schema`, `code`, `auto`.
    public var verifier: String?
    /// Numeric verifier tolerance (absolute).
    public var tolerance: Double?
    /// Regex verifier pattern.
    public var pattern: String?
    /// JSON-schema verifier schema.
    public var schema: JSONValue?
    /// Pairwise: judge twice with positions swapped (default true).
    public var swap: Bool?
    public var parameters: GenerationParameters?

    public init(name: String, type: String, model: String? = nil) {
        self.name = name
        self.type = type
        self.model = model
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case name, type, model, threshold, scale, prompt, criteria, rubric, mode, verifier, tolerance, pattern, schema,
            swap, parameters
    }
}

/// One criterion of a rubric judge.
public struct RubricCriterion: Sendable, Hashable, Codable {
    public var name: String
    public var description: String?
    public var weight: Double?

    public init(name: String, description: String? = nil, weight: Double? = nil) {
        self.name = name
        self.description = description
        self.weight = weight
    }
}
