import QuorumCore
import QuorumProviders
import QuorumStore

/// Holds a run's budget and quotas against batch lines before they are submitted. A vendor charges
/// for a batch on its own, after the fact, so the ledger that stops live calls cannot stop it:
/// each line is counted here at the most it can cost (`BatchClient.ceilingCost`), and what does not
/// fit on top of what the run spent is never sent.
struct BatchAdmission {
    var budget: USD?
    var quotas: [String: Int]
    /// Spent by the run, plus the ceiling of every line still out.
    var spent: USD
    /// Calls per model made by the run, plus the lines still out.
    var calls: [String: Int]

    init(budget: USD?, quotas: [String: Int], spending: RunSpending) {
        self.budget = budget
        self.quotas = quotas
        spent = spending.spent
        calls = spending.callsByModel
    }

    /// Counts `call`, submitted earlier and not answered yet, as outstanding.
    mutating func hold(_ call: DeferredCall, client: (any BatchClient)?) {
        spent += client?.ceilingCost(of: call.request) ?? .zero
        calls[call.model, default: 0] += 1
    }

    /// The leading `lines` that fit, counted as outstanding, and why the rest do not.
    mutating func admit(_ lines: [DeferredCall], client: any BatchClient) -> (fit: [DeferredCall], refusal: String?) {
        var fit: [DeferredCall] = []
        for line in lines {
            if let quota = quotas[line.model], calls[line.model, default: 0] >= quota {
                return (fit, "quota of \(quota) calls reached for \(line.model), counting batch lines; raise it and --continue")
            }
            let ceiling = client.ceilingCost(of: line.request) ?? .zero
            if let budget, spent + ceiling > budget {
                return (
                    fit,
                    "budget of \(budget.formatted) reached: \(spent.formatted) spent or held by batch lines, "
                        + "and this line may cost up to \(ceiling.formatted); raise it and --continue"
                )
            }
            spent += ceiling
            calls[line.model, default: 0] += 1
            fit.append(line)
        }
        return (fit, nil)
    }
}
