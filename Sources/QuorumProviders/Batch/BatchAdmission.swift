import QuorumCore

/// Holds a run's budget and quotas against batch lines before they are submitted. A vendor charges
/// for a batch on its own, after the fact, so the ledger that stops live calls cannot stop it:
/// each line is counted here at the most it can cost (`BatchClient.ceilingCost`), and what does not
/// fit on top of what the run spent is never sent. `quorum run` and CoEval both submit through it.
public struct BatchAdmission: Sendable {
    /// Why requests were not admitted.
    public enum Refusal: Sendable, Hashable {
        case budget(String)
        case quota(String)

        public var reason: String {
            switch self {
            case .budget(let reason), .quota(let reason): reason
            }
        }
    }

    public var budget: USD?
    public var quotas: [String: Int]
    /// Spent, plus the ceiling of every line still out.
    public private(set) var spent: USD
    /// Calls per model made, plus the lines still out.
    public private(set) var calls: [String: Int]

    public init(budget: USD?, quotas: [String: Int], spent: USD, calls: [String: Int]) {
        self.budget = budget
        self.quotas = quotas
        self.spent = spent
        self.calls = calls
    }

    /// Counts `request` to `model`, submitted earlier and not answered yet, as outstanding.
    public mutating func hold(_ request: ChatRequest, to model: String, client: (any BatchClient)?) {
        spent += client?.ceilingCost(of: request) ?? .zero
        calls[model, default: 0] += 1
    }

    /// Counts `requests` to `model` as outstanding when all of them fit, else counts none and says why
    /// (a unit's requests go together or not at all).
    public mutating func admit(_ requests: [ChatRequest], to model: String, client: any BatchClient) -> Refusal? {
        let used = calls[model, default: 0]
        if let quota = quotas[model], used + requests.count > quota {
            return .quota("quota of \(quota) calls reached for \(model), counting batch lines; raise it and --continue")
        }
        let ceiling = requests.map { client.ceilingCost(of: $0) ?? .zero }.sum()
        if let budget, spent + ceiling > budget {
            return .budget(
                "budget of \(budget.formatted) reached: \(spent.formatted) spent or held by batch lines, "
                    + "and \(requests.count == 1 ? "this line" : "these \(requests.count) lines") may cost up to \(ceiling.formatted); "
                    + "raise it and --continue")
        }
        spent += ceiling
        calls[model] = used + requests.count
        return nil
    }
}
