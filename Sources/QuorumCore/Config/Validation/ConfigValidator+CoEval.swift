import Foundation

/// The words `quorum coeval` accepts.
public enum CoEvalVocabulary {
    public static let roles = ["teacher", "student", "judge"]
    public static let modes = ["New", "Keep", "Extend", "Model"]
    /// Modes phases 1-2 accept: they have no per-model outputs, so `Model` means nothing there.
    public static let attributeAndRubricModes = ["New", "Keep", "Extend"]
    public static let evaluationModes = ["single", "per_factor"]
    public static let promptKeys = CoEvalPhasesConfig.CodingKeys.allCases.map(\.rawValue)
}

extension ConfigValidator {
    /// Roles and role parameters of every model, then `tasks:` and `coeval:`.
    mutating func checkCoEval() {
        for (index, model) in config.models.enumerated() {
            let path = "models[\(index)]"
            for (position, role) in (model.roles ?? []).enumerated() {
                checkWord(role, in: CoEvalVocabulary.roles, at: "\(path).roles[\(position)]", what: "role")
            }
            for (role, parameters) in model.roleParameters ?? [:] {
                checkWord(role, in: CoEvalVocabulary.roles, at: "\(path).role_parameters.\(role)", what: "role")
                if CoEvalVocabulary.roles.contains(role), !(model.roles ?? []).contains(role) {
                    warning("\(path).role_parameters.\(role)", "'\(model.name)' does not have the role \(role)")
                }
                check(parameters, at: "\(path).role_parameters.\(role)")
            }
        }
        guard !config.tasks.isEmpty || config.coeval != nil else { return }
        if config.tasks.isEmpty { error("coeval", "needs tasks: to write items for") }
        var names: Set<String> = []
        for (index, task) in config.tasks.enumerated() {
            if !names.insert(task.name).inserted { error("tasks[\(index)].name", "task '\(task.name)' is defined twice") }
            check(task, at: "tasks[\(index)]")
        }
        if let coeval = config.coeval { check(coeval, at: "coeval") }
        checkCoEvalBatch()
        checkRolesPresent()
    }

    private mutating func check(_ task: CoEvalTaskConfig, at path: String) {
        if task.name.isEmpty || task.name.contains(".") {
            error("\(path).name", "a task name must be non-empty and have no '.' (item ids are task.teacher.n)")
        }
        if task.description.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            error("\(path).description", "must describe the task")
        }
        for (key, attributes) in [("target_attributes", task.targetAttributes), ("nuanced_attributes", task.nuancedAttributes)] {
            for (position, attribute) in (attributes?.given ?? []).enumerated() where attribute.values.isEmpty {
                error("\(path).\(key).\(attribute.name)", "needs at least one value (attribute \(position + 1))")
            }
        }
        if let rubric = task.rubric?.given, rubric.isEmpty { error("\(path).rubric", "needs at least one criterion, or auto") }
        checkWord(task.evaluationMode, in: CoEvalVocabulary.evaluationModes, at: "\(path).evaluation_mode", what: "evaluation mode")
        for key in (task.prompts ?? [:]).keys {
            checkWord(key, in: CoEvalVocabulary.promptKeys, at: "\(path).prompts.\(key)", what: "prompt")
        }
        guard let sampling = task.sampling else { return }
        checkPositive(sampling.total, at: "\(path).sampling.total")
        let counts = [
            ("target", sampling.target, task.targetAttributes?.given?.count),
            ("nuance", sampling.nuance, task.nuancedAttributes?.given?.count),
        ]
        for (key, range, available) in counts {
            guard let range else { continue }
            if range.min < 0 || range.min > range.max {
                error("\(path).sampling.\(key)", "must be [min, max] with 0 ≤ min ≤ max, found [\(range.min), \(range.max)]")
            } else if let available, range.min > available {
                error("\(path).sampling.\(key)", "asks for at least \(range.min) attributes but only \(available) are given")
            }
        }
    }

    private mutating func check(_ coeval: CoEvalConfig, at path: String) {
        for (index, entry) in (coeval.phases?.byKey ?? []).enumerated() {
            guard let mode = entry.mode else { continue }
            let allowed = index < 2 ? CoEvalVocabulary.attributeAndRubricModes : CoEvalVocabulary.modes
            if index < 2, mode == "Model" {
                error("\(path).phases.\(entry.key)", "Model mode is only for phases 3-5 (data_generation, response_collection, evaluation)")
            } else {
                checkWord(mode, in: allowed, at: "\(path).phases.\(entry.key)", what: "phase mode")
            }
        }
        if let resume = coeval.resumeFrom, resume.isEmpty { error("\(path).resume_from", "must name a run") }
        for (model, quota) in coeval.quota ?? [:] {
            checkReference(model, among: modelNames, at: "\(path).quota.\(model)", what: "model")
            if quota.maxCalls == nil { error("\(path).quota.\(model)", "needs max_calls: N") }
            checkPositive(quota.maxCalls, at: "\(path).quota.\(model).max_calls", allowZero: true)
        }
        if let budget = coeval.budgetUSD, budget < .zero { error("\(path).budget_usd", "must not be negative") }
        checkPositive(coeval.concurrency, at: "\(path).concurrency")
    }

    /// A phase that will call teachers, students or judges needs at least one of them.
    private mutating func checkRolesPresent() {
        let phases = config.coeval?.phases ?? CoEvalPhasesConfig()
        func has(_ role: String) -> Bool { config.models.contains { ($0.roles ?? []).contains(role) } }
        let needsTeacher = phases.dataGeneration != "Keep" || config.tasks.contains {
            $0.targetAttributes?.isAuto == true || $0.nuancedAttributes?.isAuto == true || $0.rubric?.isAuto == true
        }
        let missing = [
            ("teacher", needsTeacher, "data_generation"),
            ("student", phases.responseCollection != "Keep", "response_collection"),
            ("judge", phases.evaluation != "Keep", "evaluation"),
        ]
        for (role, needed, phase) in missing where needed && !has(role) {
            error("models", "no model has the role \(role), which \(phase) needs (add roles: [\(role)] to a model)")
        }
        for (index, task) in config.tasks.enumerated() where task.rubric == nil {
            warning("tasks[\(index)].rubric", "no rubric: given; teachers will propose one (same as rubric: auto)")
        }
    }
}
