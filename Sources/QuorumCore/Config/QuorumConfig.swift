/// A whole Quorum configuration file: models, judges, systems, dataset, experiment, server.
public struct QuorumConfig: Sendable, Hashable, Codable {
    public var models: [ModelConfig]
    public var judges: [JudgeConfig]
    public var systems: [SystemConfig]
    public var dataset: DatasetConfig?
    public var experiment: ExperimentConfig?
    public var server: ServerConfig?
    /// CoEval tasks (`quorum coeval`): what teachers write items for.
    public var tasks: [CoEvalTaskConfig] = []
    /// CoEval run settings: phase modes, resume, quotas, budget, store.
    public var coeval: CoEvalConfig?
    /// Prompt versions a grid crosses with its models.
    public var prompts: [PromptVersionConfig] = []
    /// The fixed situations a grid's cells answer.
    public var scenarios: ScenariosConfig?
    /// Scoring sheets shared by LLM rubric judges and people.
    public var rubrics: [RubricConfig] = []
    /// The file it was read from, for resolving relative paths; `nil` when built in code.
    public var sourcePath: String?

    public init(
        models: [ModelConfig] = [], judges: [JudgeConfig] = [], systems: [SystemConfig] = [],
        dataset: DatasetConfig? = nil, experiment: ExperimentConfig? = nil, server: ServerConfig? = nil
    ) {
        self.models = models
        self.judges = judges
        self.systems = systems
        self.dataset = dataset
        self.experiment = experiment
        self.server = server
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case models, judges, systems, dataset, experiment, server, tasks, coeval, prompts, scenarios, rubrics
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        models = try container.decodeIfPresent([ModelConfig].self, forKey: .models) ?? []
        judges = try container.decodeIfPresent([JudgeConfig].self, forKey: .judges) ?? []
        systems = try container.decodeIfPresent([SystemConfig].self, forKey: .systems) ?? []
        dataset = try container.decodeIfPresent(DatasetConfig.self, forKey: .dataset)
        experiment = try container.decodeIfPresent(ExperimentConfig.self, forKey: .experiment)
        server = try container.decodeIfPresent(ServerConfig.self, forKey: .server)
        tasks = try container.decodeIfPresent([CoEvalTaskConfig].self, forKey: .tasks) ?? []
        coeval = try container.decodeIfPresent(CoEvalConfig.self, forKey: .coeval)
        prompts = try container.decodeIfPresent([PromptVersionConfig].self, forKey: .prompts) ?? []
        scenarios = try container.decodeIfPresent(ScenariosConfig.self, forKey: .scenarios)
        rubrics = try container.decodeIfPresent([RubricConfig].self, forKey: .rubrics) ?? []
    }

    public func model(named name: String) -> ModelConfig? { models.first { $0.name == name } }
    public func judge(named name: String) -> JudgeConfig? { judges.first { $0.name == name } }
    public func system(named name: String) -> SystemConfig? { systems.first { $0.name == name } }
    public func prompt(named name: String) -> PromptVersionConfig? { prompts.first { $0.name == name } }
    public func rubric(id: String) -> RubricConfig? { rubrics.first { $0.id == id } }
}
