import QuorumCore

/// `scenarios: {factors: …}` made concrete: the cartesian product of the factors in the order
/// written (the first factor varies slowest), each with its values' context and the shared fields,
/// then a seeded sample of `n` when asked. Deterministic: the same config gives the same list.
struct ScenarioGenerator {
    var config: ScenariosConfig

    func scenarios() -> [Scenario] {
        let factors = config.factors ?? []
        var combinations: [[(factor: String, value: String)]] = [[]]
        for factor in factors {
            combinations = combinations.flatMap { prefix in factor.values.map { prefix + [(factor.name, $0)] } }
        }
        let all = combinations.map(scenario)
        guard let n = config.n else { return all }
        return DatasetSelection.sampledIndices(count: all.count, n: n, seed: config.seed).map { all[$0] }
    }

    private func scenario(_ values: [(factor: String, value: String)]) -> Scenario {
        var fields = config.fields ?? [:]
        for (factor, value) in values {
            fields[factor] = value
            fields.merge(config.context?[factor]?[value] ?? [:]) { _, context in context }
        }
        return Scenario(
            id: values.map { Self.slug($0.value) }.joined(separator: "-"), fields: fields,
            factors: values.map { "\($0.factor)=\($0.value)" }, location: "scenarios.factors")
    }

    /// `Morning commute` → `morning_commute`: ids stay readable, and never hold `/`.
    static func slug(_ value: String) -> String {
        String(value.lowercased().map { $0.isLetter || $0.isNumber || $0 == "." || $0 == "_" ? $0 : "_" })
    }
}
