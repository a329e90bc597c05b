import Foundation
import Logging
import QuorumCore
import QuorumOrchestration
import QuorumRuntime

/// The systems and scorer a run needs, from the config made live (`Assembly`).
public struct RunComponents: Sendable {
    public var systems: [any AnswerSystem]
    public var assembly: Assembly
    /// The experiment's scorer (`experiment.scoring`), when it has one.
    public var scorer: (any Scorer)?

    public var models: [String: any ChatModel] { assembly.models }

    /// What `names` (systems or models) and the experiment's scoring judge need, made from `assembly`.
    public init(_ assembly: Assembly, systems names: [String]) throws {
        let systems = try names.map { name -> any AnswerSystem in
            guard let system = assembly.catalog.system(named: name, models: assembly.models) else {
                throw QuorumError(.configuration, "no system or model named '\(name)'")
            }
            return system
        }
        // A learned router without its file would fail every item: say so before anything is paid for.
        for case let router as LearnedRouterSystem in systems {
            if case .failure(let error) = router.router { throw error }
        }
        self.systems = systems
        self.assembly = assembly
        scorer = try ScoringFactory.scorer(for: assembly.config, judges: assembly.catalog.judges)
    }

    /// The components of `names` for `body`, on HTTP clients sized for `connections` and shut down
    /// afterwards (local models started on demand).
    public static func with<Result>(
        _ config: QuorumConfig, systems names: [String], connections: Int, logger: Logger,
        _ body: (RunComponents) async throws -> Result
    ) async throws -> Result {
        try await Assembly.with(config, for: names + config.scoringModels, connections: connections, logger: logger) { assembly in
            try await body(try RunComponents(assembly, systems: names))
        }
    }
}

extension QuorumConfig {
    /// The model of the experiment's scoring judge, when it has one.
    public var scoringModels: [String] {
        (experiment?.scoring?.judge.flatMap { judge(named: $0)?.model }).map { [$0] } ?? []
    }
}
