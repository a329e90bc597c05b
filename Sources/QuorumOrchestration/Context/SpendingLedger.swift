import QuorumCore

/// The run's shared account of money and calls: a USD budget and per-model call quotas.
///
/// Checked before every paid call (`admit`), settled after it (`charge`). When a limit is reached
/// no new call starts for what is exhausted; calls already in flight finish and are charged, so the
/// total may exceed the budget by at most the calls in flight.
///
/// With `shared` (workers on one store), what every worker recorded is read before each admission
/// that a limit applies to, and this process adds only its own calls in flight: the limits then
/// hold across workers, overshooting by at most the calls in flight on all of them.
public actor SpendingLedger {
    public private(set) var spent: USD = .zero
    public private(set) var callsByModel: [String: Int] = [:]
    public let budget: USD?
    public let quotas: [String: Int]
    public let shared: (any SharedSpending)?
    /// Calls admitted by this process and not charged yet, by model (used with `shared`).
    private var inFlight: [String: Int] = [:]

    public init(budget: USD? = nil, quotas: [String: Int] = [:], shared: (any SharedSpending)? = nil) {
        self.budget = budget
        self.quotas = quotas
        self.shared = shared
    }

    /// Reserves one call to `model`; throws `.budgetExhausted` or `.quotaExhausted` instead.
    public func admit(model: String) async throws {
        if let shared, budget != nil || quotas[model] != nil {
            let recorded = try await shared.recorded()
            spent = recorded.spent
            callsByModel = recorded.callsByModel.merging(inFlight, uniquingKeysWith: +)
        }
        if let budget, spent >= budget {
            throw QuorumError(
                .budgetExhausted, "budget of \(budget.formatted) reached (spent \(spent.formatted))",
                context: ["model": model])
        }
        let used = callsByModel[model, default: 0]
        if let quota = quotas[model], used >= quota {
            throw QuorumError(.quotaExhausted, "quota of \(quota) calls reached", context: ["model": model])
        }
        callsByModel[model] = used + 1
        if shared != nil { inFlight[model, default: 0] += 1 }
    }

    /// Adds the cost of a finished call to `model` (which the journal records for other workers).
    public func charge(_ cost: USD, model: String) {
        spent += cost
        settleFailed(model: model)
    }

    /// Frees the reservation of an admitted call to `model` that failed (it is not recorded anywhere).
    public func settleFailed(model: String) {
        if shared != nil, let count = inFlight[model] { inFlight[model] = count > 1 ? count - 1 : nil }
    }

    /// Counts calls and cost that were made before this process (a resumed run), without checks.
    public func restore(spent previous: USD, callsByModel previousCalls: [String: Int]) {
        spent += previous
        callsByModel.merge(previousCalls, uniquingKeysWith: +)
    }
}
