import QuorumCore

/// One call's way through a routed model: the deployments of the model, then its fallbacks, each
/// step recorded with the reason the walk moved on.
///
/// Retries never multiply: each deployment makes only its own configured attempts, each pool is
/// visited once, and fallbacks of fallbacks are not followed.
struct RouteWalk {
    private var stages: [DeploymentPool]
    private let contextWindowFallbacks: [DeploymentPool]
    private var visited: Set<ObjectIdentifier> = []
    private let tokens: Int
    private var pending: (pool: DeploymentPool, order: [Int])?
    /// Where to go once everything was passed over for a cooldown: better a deployment that may
    /// have recovered than no answer at all.
    private var lastResort: (pool: DeploymentPool, index: Int)?
    private var called = false
    private(set) var route: [RouteAttempt] = []
    private(set) var lastError: QuorumError?

    init(_ model: RoutedModel, request: ChatRequest) {
        tokens = RequestSize.estimatedTokens(request)
        contextWindowFallbacks = model.contextWindowFallbacks
        stages = [model.primary] + model.fallbacks
        if !fits(model.primary) {
            skip(model.primary, because: tooLong(model.primary))
            stages = model.contextWindowFallbacks
        }
    }

    /// The next deployment to call, or `nil` when the walk is over.
    mutating func next() -> (pool: DeploymentPool, index: Int)? {
        while true {
            if let (pool, order) = pending, let index = order.first {
                pending = (pool, Array(order.dropFirst()))
                called = true
                return (pool, index)
            }
            pending = nil
            guard !stages.isEmpty else { break }
            let pool = stages.removeFirst()
            guard visited.insert(ObjectIdentifier(pool)).inserted else { continue }
            guard fits(pool) else {
                skip(pool, because: tooLong(pool))
                continue
            }
            let (ready, cooled) = pool.plan()
            for (index, until) in cooled {
                route.append(RouteAttempt(
                    model: pool.model, deployment: pool.deployments[index].label, outcome: .skipped,
                    reason: "cooled down for another \(pool.secondsUntil(until))s"))
                if lastResort == nil { lastResort = (pool, index) }
            }
            pending = (pool, ready)
        }
        if !called, let resort = lastResort {
            lastResort = nil
            called = true
            return resort
        }
        return nil
    }

    /// Records that `index` of `pool` failed with `error`; `false` when the walk must stop here
    /// (the request itself is at fault, or the call was cancelled).
    mutating func failed(_ pool: DeploymentPool, _ index: Int, _ error: QuorumError) -> Bool {
        route.append(RouteAttempt(
            model: pool.model, deployment: pool.deployments[index].label, outcome: .failed,
            reason: "\(error.kind.rawValue): \(error.message)"))
        lastError = error
        switch error.kind {
        case .contextTooLong:
            // Other deployments of a model of this size would refuse it too.
            pending = nil
            stages = contextWindowFallbacks
            return !stages.isEmpty
        case .invalidRequest, .contentFiltered, .cancelled, .budgetExhausted, .configuration:
            return false
        default:
            return true
        }
    }

    /// The completion with the walk's route, its last step being `index` of `pool` answering.
    func answered(_ completion: Completion, by pool: DeploymentPool, _ index: Int) -> Completion {
        var completion = completion
        completion.route = route + [RouteAttempt(model: pool.model, deployment: pool.deployments[index].label, outcome: .answered)]
        return completion
    }

    /// The error to throw when no deployment answered: the last failure with every step listed.
    func exhausted(model: String) -> QuorumError {
        var error = lastError ?? QuorumError(
            .contextTooLong, "the request (about \(tokens) tokens) fits no configured model's context window",
            context: ["model": model])
        error.context["route"] = route.map(\.summary).joined(separator: "; ")
        return error
    }

    /// `error` with the route so far, for a failure that ends the walk.
    func annotated(_ error: QuorumError) -> QuorumError {
        var error = error
        error.context["route"] = route.map(\.summary).joined(separator: "; ")
        return error
    }

    private func fits(_ pool: DeploymentPool) -> Bool {
        pool.contextWindow.map { tokens <= $0 } ?? true
    }

    private func tooLong(_ pool: DeploymentPool) -> String {
        "about \(tokens) tokens exceed its context window of \(pool.contextWindow ?? 0)"
    }

    private mutating func skip(_ pool: DeploymentPool, because reason: String) {
        visited.insert(ObjectIdentifier(pool))
        for deployment in pool.deployments {
            route.append(RouteAttempt(model: pool.model, deployment: deployment.label, outcome: .skipped, reason: reason))
        }
    }
}
