import Foundation

extension ConfigValidator {
    /// `prompts:`, `scenarios:`, `experiment.grid` and the size guard.
    mutating func checkGrid() {
        checkPrompts()
        if let scenarios = config.scenarios { check(scenarios, at: "scenarios") }
        for (index, model) in config.models.enumerated() {
            if let params = model.params, ParameterCount.parse(params) == nil {
                error("models[\(index)].params", "'\(params)' is not a size; write it like 135M, 1.5B or 7B")
            }
        }
        guard let grid = config.experiment?.grid else { return }
        check(grid, at: "experiment.grid")
    }

    private mutating func checkPrompts() {
        var seen: [String: Int] = [:]
        for (index, prompt) in config.prompts.enumerated() {
            let path = "prompts[\(index)]"
            if let first = seen[prompt.name] {
                error("\(path).name", "'\(prompt.name)' is already defined at prompts[\(first)]")
            }
            seen[prompt.name] = seen[prompt.name] ?? index
            // Grid cells are keyed PROMPT/SCENARIO, so a slash would make the key ambiguous.
            if prompt.name.isEmpty || prompt.name.contains("/") { error("\(path).name", "must be non-empty and have no '/'") }
            if prompt.user.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { error("\(path).user", "must not be empty") }
        }
    }

    private mutating func check(_ scenarios: ScenariosConfig, at path: String) {
        switch (scenarios.path, scenarios.factors) {
        case (nil, nil): error(path, "give path: FILE or factors: {name: [values], …}")
        case (.some, .some): error(path, "give path: or factors:, not both")
        case (.some(let file), nil):
            let url = URL(fileURLWithPath: file, relativeTo: directory)
            if !FileManager.default.fileExists(atPath: url.path) { error("\(path).path", "no file at \(url.standardizedFileURL.path)") }
        case (nil, .some(let factors)):
            if factors.isEmpty { error("\(path).factors", "needs at least one factor") }
            for factor in factors {
                if factor.values.isEmpty { error("\(path).factors.\(factor.name)", "needs at least one value") }
                if Set(factor.values).count != factor.values.count { error("\(path).factors.\(factor.name)", "has a value twice") }
            }
            for (name, byValue) in scenarios.context ?? [:] {
                guard let factor = factors.first(where: { $0.name == name }) else {
                    error("\(path).context.\(name)", "no factor named '\(name)'" + DidYouMean.hint(for: name, among: factors.map(\.name)))
                    continue
                }
                for value in byValue.keys where !factor.values.contains(value) {
                    error("\(path).context.\(name).\(value)", "'\(value)' is not a value of \(name)"
                        + DidYouMean.hint(for: value, among: factor.values))
                }
            }
            checkPlaceholders(factors: factors, scenarios: scenarios)
        }
        checkPositive(scenarios.n, at: "\(path).n")
    }

    /// Every `{placeholder}` of every prompt must be a field of every generated scenario; a field
    /// some values of a factor give and others do not names the values that lack it.
    private mutating func checkPlaceholders(factors: [NamedValues], scenarios: ScenariosConfig) {
        var always = Set(factors.map(\.name)).union(scenarios.fields?.keys ?? [:].keys).union(["scenario"])
        var partly: [String: [String]] = [:]  // field → "factor=value" entries lacking it
        for factor in factors {
            let byValue = scenarios.context?[factor.name] ?? [:]
            let given = factor.values.map { Set(byValue[$0]?.keys ?? [:].keys) }
            let everywhere = given.dropFirst().reduce(given.first ?? []) { $0.intersection($1) }
            always.formUnion(everywhere)
            for field in given.reduce(Set<String>(), { $0.union($1) }).subtracting(everywhere) {
                partly[field, default: []] += zip(factor.values, given).filter { !$0.1.contains(field) }.map { "\(factor.name)=\($0.0)" }
            }
        }
        for (index, prompt) in config.prompts.enumerated() {
            for (key, template) in [("system", prompt.system ?? ""), ("user", prompt.user)] {
                for name in PlaceholderNames.of(template) where !always.contains(name) {
                    if let lacking = partly[name] {
                        error("prompts[\(index)].\(key)", "{\(name)} is not given for \(lacking.joined(separator: ", ")) (scenarios.context)")
                    } else {
                        error("prompts[\(index)].\(key)", "{\(name)} is no scenario field"
                            + DidYouMean.hint(for: name, among: Array(always)) + "; fields: \(always.sorted().joined(separator: ", "))")
                    }
                }
            }
        }
    }

    private mutating func check(_ grid: GridConfig, at path: String) {
        if grid.models.isEmpty { error("\(path).models", "needs at least one model") }
        for (index, name) in grid.models.enumerated() {
            checkReference(name, among: answererNames, at: "\(path).models[\(index)]", what: "model or system")
        }
        if Set(grid.models).count != grid.models.count { error("\(path).models", "names a model twice") }
        if config.prompts.isEmpty { error(path, "a grid needs prompts: (named prompt versions)") }
        for (index, name) in (grid.prompts ?? []).enumerated() {
            checkReference(name, among: config.prompts.map(\.name), at: "\(path).prompts[\(index)]", what: "prompt")
        }
        if config.scenarios == nil { error(path, "a grid needs scenarios: (a file or factors)") }
        if config.experiment?.systems != nil { error("experiment.systems", "a grid runs grid.models; leave experiment.systems out") }
        if config.dataset != nil { warning("dataset", "not used: a grid answers scenarios:, not a dataset") }
        if let baseline = config.experiment?.baseline, !grid.models.contains(baseline) {
            error("experiment.baseline", "'\(baseline)' is not in experiment.grid.models")
        }
        guard let limit = grid.maxModelParams else { return }
        guard let maximum = ParameterCount.parse(limit) else {
            error("\(path).max_model_params", "'\(limit)' is not a size; write it like 500M or 4B")
            return
        }
        checkSizes(of: grid.models, atMost: maximum, limit: limit, at: path)
    }

    /// The size guard: a grid sized for a small machine refuses a model that would not fit, before
    /// anything starts, naming where the size came from.
    private mutating func checkSizes(of names: [String], atMost maximum: Double, limit: String, at path: String) {
        for (index, name) in names.enumerated() {
            for modelName in config.modelNames(neededBy: [name]) {
                guard let model = config.model(named: modelName) else { continue }
                let modelIndex = config.models.firstIndex { $0.name == modelName } ?? 0
                guard let size = model.parameterCount else {
                    error("\(path).models[\(index)]", "the size of '\(modelName)' (\(model.model)) is unknown; "
                        + "give models[\(modelIndex)].params (like 7B) so max_model_params \(limit) can be checked")
                    continue
                }
                if size > maximum {
                    error("\(path).models[\(index)]", "'\(modelName)' has \(ParameterCount.describe(size)) parameters, "
                        + "over max_model_params \(limit)")
                }
            }
        }
    }
}
