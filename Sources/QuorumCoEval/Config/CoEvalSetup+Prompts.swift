import QuorumCore

extension CoEvalSetup {
    /// The prompt template `model` gets for `phase` of `task`, most specific first: the model's own
    /// in `coeval.prompts`, the task's `prompts:`, the phase-wide one in `coeval.prompts` (a string,
    /// or a mapping's `default`), the built-in default.
    func template(_ phase: CoEvalPhase, for task: CoEvalTaskConfig, model: String) -> String {
        let override = config.coeval?.prompts?[phase.key]
        return override?.template(forModel: model) ?? task.prompts?[phase.key] ?? override?.fallback
            ?? CoEvalPrompts.defaults[phase] ?? ""
    }
}
