import QuorumCore
import QuorumEvaluation
import QuorumOrchestration

/// The models and systems a run needs, built from the config.
struct RunComponents {
    var models: [String: any ChatModel]
    var systems: [any AnswerSystem]

    /// Interim: the provider and orchestration factories are wired here once they land on main.
    static func make(_ config: QuorumConfig, systems names: [String]) throws -> RunComponents {
        throw QuorumError(
            .configuration, "this build cannot make models yet (waiting for the provider and system factories)")
    }
}
