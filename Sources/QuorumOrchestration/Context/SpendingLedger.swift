import QuorumCore

/// The run's shared account of money and calls: a USD budget and per-model call quotas.
///
/// Checked before every paid call (`admit`), settled after it (`charge`). When a limit is reached
/// no new call starts for what is exhausted; calls already in flight finish and are charged, so the
/// total may exceed the budget by at most the calls in flight.
public actor SpendingLedger {
    public private(set) var spent: USD = .zero
    public private(set) var callsByModel: [String: Int] = [:]
    public let budget: USD?
    public let quotas: [String: Int]

    public init(budget: USD? = nil, quotas: [String: Int] = [:]) {
        self.budget = budget
        self.quotas = quotas
    }

    /// Reserves one call to `model`; throws `.budgetExhausted` or `.quotaExhausted` instead.
    public func admit(model: String) throws {
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
    }

    /// Adds the cost of a finished call.
    public func charge(_ cost: USD) {
        spent += cost
    }

    /// Counts calls and cost that were made before this process (a resumed run), without checks.
    public func restore(spent previous: USD, callsByModel previousCalls: [String: Int]) {
        spent += previous
        callsByModel.merge(previousCalls, uniquingKeysWith: +)
    }
}
