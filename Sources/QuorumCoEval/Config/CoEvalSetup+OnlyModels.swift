import QuorumCore

extension CoEvalSetup {
    /// This setup restricted to `names` (`--only-models a,b`): the roles keep every model, so what a
    /// complete run expects is unchanged, but only units of these models run or are planned. The
    /// other models' units are skipped — left as gaps, never deleted — and a later run without the
    /// flag fills them. Throws `.configuration` for a name that is not a model with a role.
    public func restricted(to names: [String]) throws -> CoEvalSetup {
        guard !names.isEmpty else { return self }
        for name in names where !allModels.contains(name) {
            let hint = DidYouMean.hint(for: name, among: allModels)
            throw QuorumError(
                .configuration, "--only-models: '\(name)' is not a model with a role\(hint); models with roles: \(allModels.joined(separator: ", "))")
        }
        var copy = self
        copy.onlyModels = Set(names)
        return copy
    }

    /// Whether units of `model` run in this invocation (always, without `--only-models`).
    public func includes(_ model: String) -> Bool {
        onlyModels?.contains(model) ?? true
    }

    /// `a,b` as given on the command line → names (blanks dropped).
    public static func modelList(_ text: String?) -> [String] {
        (text ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
}
