import ArgumentParser
import Foundation
import QuorumEvaluation
import QuorumStore

/// `quorum keys list`: every key, its limits and what it spent in its current budget window.
struct KeysList: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List virtual keys with their limits and spend this period (never the keys).")

    @Flag(help: "Print one JSON value.")
    var json = false

    @OptionGroup var options: KeysStoreOptions

    func run() async throws {
        let listings = try await options.openStore().listing(at: Date())
        if json {
            try printJSON(listings)
            return
        }
        guard !listings.isEmpty else {
            print("no keys yet: quorum keys create --name NAME …")
            return
        }
        let table = TextTable(
            header: ["name", "spent", "held", "budget", "window", "rpm", "tpm", "models", "status"],
            rows: listings.map { listing in
                let limits = listing.key.limits
                return [
                    listing.key.name, listing.spending.spent.formatted, listing.spending.reserved.formatted,
                    limits.budget?.formatted ?? "-", listing.window,
                    limits.requestsPerMinute.map(String.init) ?? "-", limits.tokensPerMinute.map(String.init) ?? "-",
                    limits.models.isEmpty ? "all" : limits.models.joined(separator: ","),
                    listing.key.isRevoked ? "revoked" : "active",
                ]
            })
        print(table.rendered())
    }
}
