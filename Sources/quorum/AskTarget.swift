import Foundation
import QuorumCore
import QuorumProviders

/// Finds the model `quorum ask` talks to, and brings up its local server when it has one.
enum AskTarget {
    /// The `models:` entry called `name` in the config at `configPath` (loaded and validated), else the
    /// local catalog model called `name`.
    static func modelConfig(named name: String, configPath: String?) throws -> ModelConfig {
        try LocalModelCatalog.standard.modelConfig(named: name, in: configPath.map(loadConfig))
    }

    /// Starts `entry`'s local server if needed (saying so on standard error unless `quiet`) and returns its URL.
    static func startLocal(_ entry: ModelConfig, quiet: Bool) async throws -> URL? {
        let runtime = try LocalSetup.runtime()
        if !quiet, let model = try? runtime.catalog.model(named: entry.model),
            await runtime.status(of: model).state != .running
        {
            printError(dim("starting the local server for \(entry.model)…"))
        }
        return try await runtime.ensureRunning(for: [entry])[entry.name]
    }
}
