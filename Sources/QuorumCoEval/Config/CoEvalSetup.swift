import QuorumCore

/// What a CoEval run needs from a configuration, resolved once: tasks, the models of each role,
/// the mode of each phase and the limits.
public struct CoEvalSetup: Sendable {
    public var config: QuorumConfig
    public var tasks: [CoEvalTaskConfig]
    public var teachers: [String]
    public var students: [String]
    public var judges: [String]
    /// `--only-models`: when set, only units of these models run or are planned (see `CoEvalSetup+OnlyModels.swift`).
    public var onlyModels: Set<String>?
    /// Phases `coeval repair` reopened: they run as `Extend`, so `Keep` and `Model` phases fill their new gaps too.
    public var reopened: Set<CoEvalPhase> = []

    /// Throws `.configuration` when there are no tasks.
    public init(config: QuorumConfig) throws {
        guard !config.tasks.isEmpty else {
            throw QuorumError(.configuration, "the config has no tasks: for quorum coeval")
        }
        self.config = config
        self.tasks = config.tasks
        func named(_ role: CoEvalRole) -> [String] {
            config.models.filter { ($0.roles ?? []).contains(role.rawValue) }.map(\.name)
        }
        teachers = named(.teacher)
        students = named(.student)
        judges = named(.judge)
    }

    public func models(for role: CoEvalRole) -> [String] {
        switch role {
        case .teacher: teachers
        case .student: students
        case .judge: judges
        }
    }

    /// Every model with a role, each once, in config order.
    public var allModels: [String] {
        config.models.map(\.name).filter { teachers.contains($0) || students.contains($0) || judges.contains($0) }
    }

    /// The configured mode of `phase` (`New` when absent).
    public func mode(of phase: CoEvalPhase) -> CoEvalPhaseMode {
        reopened.contains(phase) ? .extend : writtenMode(of: phase) ?? .new
    }

    /// The mode written in `coeval.phases`, or `nil`: only a written `New` regenerates under `--continue`.
    public func writtenMode(of phase: CoEvalPhase) -> CoEvalPhaseMode? {
        config.coeval?.phases?.byKey[phase.rawValue - 1].mode.flatMap(CoEvalPhaseMode.init(rawValue:))
    }

    /// Teachers in config order, for merging proposals the same way whatever order they arrived in.
    func teacherOrder(_ teacher: String?) -> Int {
        teacher.flatMap { teachers.firstIndex(of: $0) } ?? teachers.count
    }

    /// The model's `role_parameters[role]` merged over its `parameters`, sent with every call of that role.
    public func parameters(of model: String, as role: CoEvalRole) -> GenerationParameters {
        guard let configured = config.model(named: model) else { return GenerationParameters() }
        let base = configured.parameters ?? GenerationParameters()
        return configured.roleParameters?[role.rawValue]?.merged(over: base) ?? base
    }

    /// Calls per model allowed in one invocation (`coeval.quota.M.max_calls`).
    public var quotas: [String: Int] {
        (config.coeval?.quota ?? [:]).compactMapValues(\.maxCalls)
    }

    public var seed: Int { config.coeval?.seed ?? 0 }
    public var concurrency: Int { max(1, config.coeval?.concurrency ?? 4) }

    /// Whether teachers are asked for attributes of `task` (either kind is `auto`).
    func asksForAttributes(_ task: CoEvalTaskConfig) -> Bool {
        task.targetAttributes?.isAuto == true || task.nuancedAttributes?.isAuto == true
    }

    /// Whether teachers are asked for the rubric of `task` (`auto` or absent).
    func asksForRubric(_ task: CoEvalTaskConfig) -> Bool {
        task.rubric?.given == nil
    }
}
