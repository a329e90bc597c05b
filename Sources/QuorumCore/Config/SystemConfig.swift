/// One entry of `systems:` — anything that turns a question into an answer.
///
/// One struct for every `type`; which fields apply depends on the type, and the validator says
/// so when a field is given to a type that ignores it. Wherever a model name is accepted, a
/// system name is too (systems nest).
public struct SystemConfig: Sendable, Hashable, Codable {
    public var name: String
    /// `single`, `cascade`, `debate`, `moa`, `best-of-n`, `self-consistency`, `router`.
    public var type: String
    /// `single`, `best-of-n`, `self-consistency`: the model (or system).
    public var model: String?
    /// `best-of-n`: several models sampled in turn instead of one; learned `router`: the models
    /// it chooses among, cheapest first.
    public var models: [String]?
    /// `cascade`: model names; `debate`: worker groups.
    public var levels: [SystemLevel]?
    /// `cascade`: what decides escalation. `router` (learned): what the picked model's answer must
    /// pass. `moa`: what an answer must pass to be shown as a reference.
    public var gate: GateConfig?
    /// `cascade`: `last` (default) or `best`.
    public var `return`: String?
    /// `cascade`: `fresh` (default: the next level answers the original conversation) or `refine`
    /// (the next level improves the previous answer with the gate's feedback). Fresh by measurement:
    /// on verifiable-qa's test split refine cost more and lost accuracy (README, "Cascades that pay").
    public var escalate: String?
    /// `cascade` with `return: last`: gate the last level too (its verdict marks the item unresolved
    /// but cannot change the answer, so by default it is not paid for).
    public var finalCheck: Bool?
    /// `debate`, `best-of-n`: the judge that scores candidates.
    public var judge: String?
    /// `debate`: pass mark for the best worker's score; learned `router`: the predicted chance of
    /// being right a cheaper model needs to be picked (fitted by `quorum calibrate`).
    public var threshold: Double?
    /// `moa`: proposer layers.
    public var layers: [[String]]?
    /// `moa`: the model that synthesizes the final answer.
    public var aggregator: String?
    /// `moa`: share of references dropped per proposer (seeded by `seed`).
    public var dropout: Double?
    /// `moa`: weight per proposer name.
    public var weights: [String: Double]?
    /// `moa`: most references a proposer sees.
    public var maxReferences: Int?
    /// `best-of-n`, `self-consistency`: samples.
    public var n: Int?
    /// `best-of-n`, `self-consistency`: sampling temperature.
    public var temperature: Double?
    /// `best-of-n`: `score` (default) or `knockout` (pairwise).
    public var selection: String?
    /// `self-consistency`: `number`, `choice`, `text` or `auto` (the default). `moa`: when given, a
    /// last layer whose answers all extract to the same value returns it without the aggregator call
    /// (for verifiable answers; on prose two answers rarely "agree", so leave it out there).
    public var extract: String?
    /// `router`: routes tried in order.
    public var routes: [RouteConfig]?
    /// `router`: the system used when no route matches.
    public var `default`: String?
    /// `router`: `rules` (default: `routes` and `default`) or `learned` (a model trained by
    /// `quorum router train` picks one of `models`, cheapest first, by the prompt's features).
    public var strategy: String?
    /// `router` with `strategy: learned`: the trained router file, relative to this config file.
    public var router: String?
    /// `router` with `strategy: learned`: the model that embeds prompts (local models serve
    /// embeddings from the same weights; an OpenAI-compatible one calls its `/v1/embeddings`).
    public var embeddings: String?
    /// Prompt overrides by name (`refine`, `critique`, `aggregate`, `persona.strict`, …).
    public var prompts: [String: String]?
    /// `moa`: system prompt per layer.
    public var layerPrompts: [String]?
    public var seed: Int?
    public var parameters: GenerationParameters?
    /// `quorum serve`: identical temperature-0 requests answered from the store; `quorum run`: the
    /// model calls this system makes, for models without a `cache:` of their own.
    public var cache: CacheConfig?

    public init(name: String, type: String) {
        self.name = name
        self.type = type
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case name, type, model, models, levels, gate, `return`, escalate, finalCheck = "final_check", judge, threshold, layers, aggregator, dropout,
            weights, maxReferences = "max_references", n, temperature, selection, extract, routes, `default`,
            strategy, router, embeddings,
            prompts, layerPrompts = "layer_prompts", seed, parameters, cache
    }
}

/// One level of a cascade (a model or system name) or of a debate (workers and rounds).
public enum SystemLevel: Sendable, Hashable, Codable {
    case model(String)
    case workers(DebateLevel)

    public init(from decoder: any Decoder) throws {
        if let name = try? decoder.singleValueContainer().decode(String.self) {
            self = .model(name)
        } else {
            self = .workers(try DebateLevel(from: decoder))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .model(let name):
            var container = encoder.singleValueContainer()
            try container.encode(name)
        case .workers(let level):
            try level.encode(to: encoder)
        }
    }
}

/// A debate level: workers answer in parallel, then critique each other for `rounds` rounds.
public struct DebateLevel: Sendable, Hashable, Codable {
    public var workers: [DebateWorker]
    public var rounds: Int?
    public var judge: String?
    public var threshold: Double?

    public init(workers: [DebateWorker], rounds: Int? = nil) {
        self.workers = workers
        self.rounds = rounds
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case workers, rounds, judge, threshold }
}

/// A debate worker: a model plus a persona (`strict`, `very strict`, `medium strict`, or free text).
public struct DebateWorker: Sendable, Hashable, Codable {
    public var model: String
    public var persona: String?

    public init(model: String, persona: String? = nil) {
        self.model = model
        self.persona = persona
    }

    public init(from decoder: any Decoder) throws {
        if let name = try? decoder.singleValueContainer().decode(String.self) {
            self.init(model: name)
            return
        }
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            model: try container.decode(String.self, forKey: .model),
            persona: try container.decodeIfPresent(String.self, forKey: .persona))
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case model, persona }
}

/// A router's rule: when the item matches, answer with `system`.
public struct RouteConfig: Sendable, Hashable, Codable {
    /// Item fields to match: `category`, `tag`, or `prompt_regex`.
    public var when: [String: String]
    public var system: String

    public init(when: [String: String], system: String) {
        self.when = when
        self.system = system
    }
}
