import QuorumCore
import Synchronization

/// The deployments of one configured model and their health: which to try, in what order, and
/// which are cooled down after failing.
///
/// One pool per model, shared by the model itself and every model that falls back to it, so a
/// deployment cooled down for one is cooled down for all. A `final class` holding only `let`s
/// and a `Mutex`, hence `Sendable`.
final class DeploymentPool: Sendable {
    /// The configured model's name.
    let model: String
    let deployments: [Deployment]
    let strategy: RoutingStrategy
    let cooldown: CooldownConfig
    /// Context size in tokens; `nil` when unknown (then every request is assumed to fit).
    let contextWindow: Int?
    private let clock: RoutingClock
    let random: RoutingRandom
    private let states: Mutex<[DeploymentState]>

    init(
        model: String, deployments: [Deployment], strategy: RoutingStrategy = .simpleShuffle,
        cooldown: CooldownConfig = .standard, contextWindow: Int? = nil, clock: RoutingClock = .continuous,
        random: RoutingRandom = RoutingRandom()
    ) {
        self.model = model
        self.deployments = deployments
        self.strategy = strategy
        self.cooldown = cooldown
        self.contextWindow = contextWindow
        self.clock = clock
        self.random = random
        states = Mutex(Array(repeating: DeploymentState(), count: deployments.count))
    }

    /// The deployments to try now, in the strategy's order, and those cooled down with the time they return.
    func plan() -> (ready: [Int], cooled: [(index: Int, until: ContinuousClock.Instant)]) {
        let now = clock.now()
        let snapshot = states.withLock { $0 }
        var ready: [Int] = []
        var cooled: [(index: Int, until: ContinuousClock.Instant)] = []
        for (index, state) in snapshot.enumerated() {
            if let until = state.cooledUntil, until > now { cooled.append((index, until)) } else { ready.append(index) }
        }
        return (order(ready, states: snapshot), cooled.sorted { $0.until < $1.until })
    }

    /// Counts a call starting on deployment `index` (what `least-busy` compares).
    func begin(_ index: Int) { states.withLock { $0[index].inFlight += 1 } }

    /// Records an answer; a success does not clear recent failures (a flapping deployment still cools down).
    func succeeded(_ index: Int, latency: Double) {
        states.withLock {
            $0[index].inFlight -= 1
            $0[index].latency = $0[index].latency.map { 0.7 * $0 + 0.3 * latency } ?? latency
        }
    }

    /// Records a failure. `failures` of them within `window` cool the deployment down for `for`;
    /// a 429 that says when to come back cools it down until then at once.
    /// Returns when the deployment comes back, if this failure cooled it down.
    @discardableResult
    func failed(_ index: Int, error: QuorumError, counts: Bool) -> ContinuousClock.Instant? {
        let now = clock.now()
        return states.withLock { states -> ContinuousClock.Instant? in
            states[index].inFlight -= 1
            guard counts else { return nil }
            states[index].failures += 1
            var until: ContinuousClock.Instant?
            if error.kind == .rateLimited, let wait = error.retryAfter, wait > 0 {
                until = now + .seconds(wait)
            } else {
                let windowStart = now - .seconds(cooldown.window.seconds)
                states[index].recentFailures = states[index].recentFailures.filter { $0 > windowStart } + [now]
                if states[index].recentFailures.count >= cooldown.failures { until = now + .seconds(cooldown.duration.seconds) }
            }
            guard let until else { return nil }
            states[index].recentFailures = []
            states[index].cooledUntil = max(states[index].cooledUntil ?? until, until)
            states[index].cooldowns += 1
            return states[index].cooledUntil
        }
    }

    /// Every deployment's counters.
    func status() -> [DeploymentStatus] {
        let now = clock.now()
        return states.withLock { $0 }.enumerated().map { index, state in
            DeploymentStatus(
                model: model, deployment: deployments[index].label, failures: state.failures, cooldowns: state.cooldowns,
                inFlight: state.inFlight, isCooledDown: state.cooledUntil.map { $0 > now } ?? false)
        }
    }

    /// How long until `instant`, in whole seconds, for reasons people read.
    func secondsUntil(_ instant: ContinuousClock.Instant) -> Int {
        Int((instant - clock.now()).components.seconds) + 1
    }
}
