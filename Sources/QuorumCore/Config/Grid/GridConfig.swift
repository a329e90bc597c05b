/// `experiment.grid:` — every (model × prompt version × scenario) cell answered once, so quality
/// differences can be attributed to the model or to the prompt.
public struct GridConfig: Sendable, Hashable, Codable {
    /// Names from `models:` (or systems).
    public var models: [String]
    /// Names from `prompts:`; all of them when absent.
    public var prompts: [String]?
    /// Refuse models larger than this (`4B`, `500M`): a grid meant for a small box stays on it.
    public var maxModelParams: String?
    /// Run the grid model by model, stopping each local model's server before the next starts,
    /// so only one local model is in memory at a time.
    public var oneModelAtATime: Bool?

    public init(models: [String], prompts: [String]? = nil) {
        self.models = models
        self.prompts = prompts
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case models, prompts, maxModelParams = "max_model_params", oneModelAtATime = "one_model_at_a_time"
    }
}
