import QuorumCore

extension LocalModelCatalog {
    /// The model a command names with `--model NAME`: the `models:` entry called `name` in `config`, else the
    /// catalog model called `name` as a `provider: local` entry. Local entries without a price get the
    /// catalog's notional one. Throws `.configuration` naming every model that could have been meant.
    public func modelConfig(named name: String, in config: QuorumConfig?) throws -> ModelConfig {
        if let entry = config?.model(named: name) { return entry.withNotionalPrice(from: self) }
        guard names.contains(name) else {
            let known = ((config?.models.map(\.name) ?? []) + names).joined(separator: ", ")
            throw QuorumError(
                .configuration,
                "no model named '\(name)'; choose from \(known)"
                    + (config == nil ? ", or pass --config FILE to use a model it defines" : ""))
        }
        return ModelConfig(name: name, provider: "local", model: name).withNotionalPrice(from: self)
    }

    /// The models in a comma-separated list such as `--models smollm2-135m,qwen2.5-coder-0.5b`
    /// (spaces and empty items ignored; every model when the list is `nil` or empty).
    public func models(commaSeparated list: String?) throws -> [LocalModel] {
        let names = (list ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        return try models(named: names.filter { !$0.isEmpty })
    }
}
