import QuorumCore

/// A configured model with several deployments and/or fallbacks: each call goes to a deployment
/// picked by the routing strategy, moves on to the next one when it fails (error, timeout, 429),
/// then to the `fallbacks:` models in order, and to `context_window_fallbacks:` when the request
/// is too long. The `Completion.route` of the answer lists every step.
///
/// Built by `ModelFactory`; it lives in the providers layer so the gateway, runs and every
/// system get it without knowing.
public struct RoutedModel: ChatModel {
    public let name: String
    let primary: DeploymentPool
    let fallbacks: [DeploymentPool]
    let contextWindowFallbacks: [DeploymentPool]

    public func complete(_ request: ChatRequest) async throws -> Completion {
        var walk = RouteWalk(self, request: request)
        while let (pool, index) = walk.next() {
            pool.begin(index)
            do {
                let completion = try await pool.deployments[index].model.complete(request)
                pool.succeeded(index, latency: completion.latency)
                return walk.answered(completion, by: pool, index)
            } catch {
                let failure = Self.failure(error)
                // A call the caller gave up on says nothing about the deployment's health.
                pool.failed(index, error: failure, counts: !Task.isCancelled && Self.counts(failure))
                if Task.isCancelled { throw error }
                guard walk.failed(pool, index, failure) else { throw walk.annotated(failure) }
            }
        }
        throw walk.exhausted(model: name)
    }

    /// The counters of every deployment this model may call: its own, then its fallbacks' (each
    /// under its own model's name; a pool shared by several models reports the same numbers).
    public var deploymentStatus: [DeploymentStatus] {
        ([primary] + fallbacks + contextWindowFallbacks).flatMap { $0.status() }
    }

    static func failure(_ error: any Error) -> QuorumError {
        if let error = error as? QuorumError { return error }
        if error is CancellationError { return QuorumError(.cancelled, "the call was cancelled") }
        return QuorumError(.internal, "\(error)")
    }

    /// Whether a failure says something about the deployment's health (not the request's fault).
    static func counts(_ error: QuorumError) -> Bool {
        switch error.kind {
        case .contextTooLong, .invalidRequest, .contentFiltered, .cancelled, .budgetExhausted: false
        default: true
        }
    }
}
