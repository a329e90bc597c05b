import Foundation
import QuorumCore
import QuorumOrchestration

/// A grid's cells as run items: one item per (prompt version, scenario), keyed `PROMPT/SCENARIO`,
/// its conversation the prompt's templates filled from the scenario. The run's systems are the
/// grid's models, so each (model × prompt × scenario) cell is one stored, resumable (system, item).
public struct GridCells: Sendable {
    public var prompts: [PromptVersionConfig]
    public var scenarios: [Scenario]
    /// Where `scenarios` came from, recorded as the run's dataset.
    public var source: String

    /// The grid of `config` (its `experiment.grid`), scenarios read relative to the config's folder.
    public init(config: QuorumConfig) throws {
        guard let grid = config.experiment?.grid, let scenarios = config.scenarios else {
            throw QuorumError(.configuration, "the config has no experiment.grid with scenarios:")
        }
        prompts = (grid.prompts ?? config.prompts.map(\.name)).compactMap(config.prompt(named:))
        if let path = scenarios.path {
            let folder = config.sourcePath.map { URL(fileURLWithPath: $0).deletingLastPathComponent() }
            let url = URL(fileURLWithPath: path, relativeTo: folder)
            self.scenarios = try ScenarioFile(path: url.path, displayName: path).scenarios()
            source = "grid: \(prompts.count) prompts × scenarios from \(path)"
        } else {
            self.scenarios = ScenarioGenerator(config: scenarios).scenarios()
            source = "grid: \(prompts.count) prompts × scenarios from factors"
        }
        try checkFields()
    }

    /// Every cell, prompt by prompt, at most `limit` scenarios each.
    public func items(limit: Int? = nil) -> [DatasetItem] {
        let used = limit.map { Array(scenarios.prefix($0)) } ?? scenarios
        return prompts.flatMap { prompt in used.map { item(prompt, $0) } }
    }

    func item(_ prompt: PromptVersionConfig, _ scenario: Scenario) -> DatasetItem {
        var messages: [ChatMessage] = []
        if let system = prompt.system { messages.append(.system(PromptTemplate.fill(system, scenario.fields))) }
        messages.append(.user(PromptTemplate.fill(prompt.user, scenario.fields)))
        let question = Question(
            id: GridCellKey(prompt: prompt.name, scenario: scenario.id).itemID, messages: messages,
            category: prompt.name, tags: scenario.factors)
        return DatasetItem(question: question, location: scenario.location)
    }

    /// A file's scenarios are only known now: a placeholder no scenario gives is refused before
    /// anything is paid for (factor scenarios were checked with the config).
    private func checkFields() throws {
        var problems: [String] = []
        for prompt in prompts {
            let names = PlaceholderNames.of((prompt.system ?? "") + "\n" + prompt.user)
            for scenario in scenarios {
                let missing = names.filter { scenario.fields[$0] == nil }
                if !missing.isEmpty {
                    problems.append("\(scenario.location): scenario '\(scenario.id)' has no "
                        + missing.map { "'\($0)'" }.joined(separator: ", ") + " for prompt '\(prompt.name)'")
                }
            }
        }
        guard problems.isEmpty else {
            throw QuorumError(.dataset, problems.prefix(10).joined(separator: "\n")
                + (problems.count > 10 ? "\n… and \(problems.count - 10) more" : ""))
        }
    }
}

/// A grid cell's item id, `PROMPT/SCENARIO`, and back.
public struct GridCellKey: Sendable, Hashable {
    public var prompt: String
    public var scenario: String

    public init(prompt: String, scenario: String) {
        self.prompt = prompt
        self.scenario = scenario
    }

    /// Prompt names have no `/` (the validator sees to it), so the first one splits.
    public init?(itemID: String) {
        guard let slash = itemID.firstIndex(of: "/") else { return nil }
        prompt = String(itemID[..<slash])
        scenario = String(itemID[itemID.index(after: slash)...])
    }

    public var itemID: String { "\(prompt)/\(scenario)" }
}
