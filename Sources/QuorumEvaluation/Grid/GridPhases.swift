import Foundation
import Logging
import QuorumCore
import QuorumProviders

/// How a run's systems are answered: all at once, or — a grid with `one_model_at_a_time` — model by
/// model, with every other local model's server stopped first, so a grid of local models runs on a
/// machine that holds one of them (Ollama's `keep_alive: 0`). The scoring judge's model stays up.
public struct GridPhases: Sendable {
    /// Systems answered together, in order.
    public var groups: [[String]]
    public var oneAtATime: Bool
    var config: QuorumConfig
    var runtime: LocalRuntime?

    public init(config: QuorumConfig, systems: [String], logger: Logger) throws {
        self.config = config
        oneAtATime = config.experiment?.grid?.oneModelAtATime == true
        groups = oneAtATime ? systems.map { [$0] } : [systems]
        runtime = oneAtATime
            ? LocalRuntime(configuration: try LocalRuntimeConfiguration(environment: ProcessInfo.processInfo.environment), logger: logger)
            : nil
    }

    /// Before answering `group`: stops the local servers it and the scoring judge do not need.
    /// Returns the catalog names stopped.
    public func makeRoom(for group: [String], scoringModels: [String]) async throws -> [String] {
        guard let runtime else { return [] }
        let wanted = Set(localModels(neededBy: group + scoringModels))
        let others = runtime.catalog.names.filter { !wanted.contains($0) }
        // `stop(models: [])` means every model: never pass it an empty list by accident.
        return others.isEmpty ? [] : try await runtime.stop(models: others)
    }

    /// After the last group: nothing stays in memory.
    public func finish() async throws -> [String] {
        guard let runtime else { return [] }
        return try await runtime.stop(models: runtime.catalog.names)
    }

    /// The catalog names of the local models `names` call.
    private func localModels(neededBy names: [String]) -> [String] {
        config.modelNames(neededBy: names).compactMap(config.model(named:)).filter { $0.provider == "local" }.map(\.model)
    }
}
