import ArgumentParser
import Foundation
import QuorumCore
import QuorumServer
import QuorumStore

/// `quorum keys create --name team-a --budget-usd 50 --rpm 600 --models cascade,small`.
struct KeysCreate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "create",
        abstract: "Make a virtual key and print it, once.",
        discussion: """
            The key (sk-quorum-…) is printed on standard output and never again: only its SHA-256 is stored. \
            Requests over the budget or the rates get HTTP 429 with the reason; a model not in --models gets 403.
            """)

    @Option(help: "The key's name: in messages, metrics and `keys list` (letters, digits, '.', '_', '-').")
    var name: String

    @Option(help: "USD the key may spend per period (default: no limit, spend is still counted).")
    var budgetUsd: String?

    @Option(help: "How long a budget lasts: day, month (UTC calendar) or total.")
    var period: String = "month"

    @Option(help: "Requests per minute.")
    var rpm: Int?

    @Option(help: "Tokens per minute (prompt and completion).")
    var tpm: Int?

    @Option(help: "Models and systems the key may use, comma-separated (default: all).")
    var models: String?

    @Flag(help: "Print the key and its limits as one JSON value.")
    var json = false

    @OptionGroup var options: KeysStoreOptions

    func validate() throws {
        guard VirtualKeySecret.isValidName(name) else {
            throw ValidationError("--name: use 1–64 letters, digits, '.', '_' or '-'")
        }
        if let budgetUsd, (USD(string: budgetUsd).map { $0 < .zero } ?? true) {
            throw ValidationError("--budget-usd: a non-negative amount in USD, e.g. 50 or 0.25")
        }
        guard BudgetPeriod(rawValue: period) != nil else { throw ValidationError("--period: day, month or total") }
        if let rpm, rpm < 1 { throw ValidationError("--rpm: at least 1") }
        if let tpm, tpm < 1 { throw ValidationError("--tpm: at least 1") }
    }

    func run() async throws {
        let limits = KeyLimits(
            budget: budgetUsd.flatMap(USD.init(string:)), period: BudgetPeriod(rawValue: period) ?? .month,
            requestsPerMinute: rpm, tokensPerMinute: tpm,
            models: (models ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty })
        let store = try await options.openStore()
        let (secret, key) = try await VirtualKeySecret.issue(named: name, limits: limits, in: store)
        if json {
            try printJSON(CreatedKey(key: secret, name: key.name, limits: key.limits))
            return
        }
        print(secret)
        printError("created key \(key.name): \(describe(key.limits)). Keep it now: it is not shown again.")
    }

    private struct CreatedKey: Encodable {
        var key: String
        var name: String
        var limits: KeyLimits
    }
}

/// `$50 per month, 600 requests/min, models cascade, small`.
func describe(_ limits: KeyLimits) -> String {
    var parts = [limits.budget.map { "\($0.formatted) \(limits.period == .total ? "in total" : "per \(limits.period.rawValue)")" } ?? "no budget"]
    if let rpm = limits.requestsPerMinute { parts.append("\(rpm) requests/min") }
    if let tpm = limits.tokensPerMinute { parts.append("\(tpm) tokens/min") }
    parts.append(limits.models.isEmpty ? "every model" : "models \(limits.models.joined(separator: ", "))")
    return parts.joined(separator: ", ")
}
