import Foundation

/// `coeval:` — how a CoEval run goes: the mode of each phase, where it resumes from, quotas, budget, store.
public struct CoEvalConfig: Sendable, Hashable, Codable {
    /// The run's name in `quorum runs` (default `coeval`).
    public var name: String?
    public var phases: CoEvalPhasesConfig?
    /// A run whose phases 1-2 (attributes, rubrics) this run copies instead of asking teachers.
    public var resumeFrom: String?
    /// Per model, CoEval's format: `{model_name: {max_calls: N}}`; counted per invocation.
    public var quota: [String: CoEvalQuota]?
    /// Stop starting paid calls once the run has spent this much.
    public var budgetUSD: USD?
    /// `sqlite:PATH` or a bare path (relative to the config file).
    public var store: String?
    /// Calls in flight at once (default 4).
    public var concurrency: Int?
    /// Seeds the attribute sampling of phase 3 (default 0): item n of a teacher always samples the same.
    public var seed: Int?
    /// Per vendor (`openai`, `azure`, `anthropic`), the phases whose calls go through its batch API.
    public var batch: [String: CoEvalBatchPhases]?

    public init() {}

    enum CodingKeys: String, CodingKey, CaseIterable {
        case name, phases, resumeFrom = "resume_from", quota, budgetUSD = "budget_usd", store, concurrency, seed, batch
    }
}

/// `phases:` — `New`, `Keep`, `Extend` or `Model` per phase (`Model` only for phases 3-5).
public struct CoEvalPhasesConfig: Sendable, Hashable, Codable {
    public var attributeMapping: String?
    public var rubricMapping: String?
    public var dataGeneration: String?
    public var responseCollection: String?
    public var evaluation: String?

    public init(
        attributeMapping: String? = nil, rubricMapping: String? = nil, dataGeneration: String? = nil,
        responseCollection: String? = nil, evaluation: String? = nil
    ) {
        self.attributeMapping = attributeMapping
        self.rubricMapping = rubricMapping
        self.dataGeneration = dataGeneration
        self.responseCollection = responseCollection
        self.evaluation = evaluation
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case attributeMapping = "attribute_mapping", rubricMapping = "rubric_mapping",
            dataGeneration = "data_generation", responseCollection = "response_collection", evaluation
    }

    /// The modes by config key, in phase order (absent ones are `nil`).
    public var byKey: [(key: String, mode: String?)] {
        [("attribute_mapping", attributeMapping), ("rubric_mapping", rubricMapping), ("data_generation", dataGeneration),
            ("response_collection", responseCollection), ("evaluation", evaluation)]
    }
}

/// One model's quota: `{max_calls: N}`.
public struct CoEvalQuota: Sendable, Hashable, Codable {
    public var maxCalls: Int?

    public init(maxCalls: Int? = nil) { self.maxCalls = maxCalls }

    enum CodingKeys: String, CodingKey, CaseIterable { case maxCalls = "max_calls" }
}
