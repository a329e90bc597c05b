import ArgumentParser
import Foundation
import QuorumCore
import QuorumEvaluation
import QuorumProviders

/// `quorum models …`: what Quorum knows about models; `--provider P` asks a provider what it offers.
struct Models: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show what Quorum knows about models, or (--provider P) what a provider offers.",
        discussion: """
            --provider P makes the provider's model-listing call (no generation) with the key from its environment \
            variable (OPENAI_API_KEY, ANTHROPIC_API_KEY, GEMINI_API_KEY, …) and joins the ids with Quorum's price table.
            """,
        subcommands: [ModelsPrices.self]
    )

    @Option(help: "List what this provider offers (openai, anthropic, gemini, groq, openrouter, azure with --base-url, …).")
    var provider: String?

    @Option(help: "The provider's base URL (an Azure resource, a self-hosted server).")
    var baseURL: String?

    @Flag(help: "Print one JSON value instead of a table.")
    var json = false

    func run() async throws {
        guard let provider else { throw CleanExit.helpRequest(self) }
        let clients = HTTPClients.shared(connections: 2)
        let offers = try await clients.closing {
            do throws(ListingFailure) {
                return try await ModelFactory(clients: clients, logger: LocalSetup.logger()).offers(of: provider, baseURL: baseURL)
            } catch {
                throw QuorumError(.upstreamUnavailable, "\(provider): \(error.description)", context: ["provider": provider])
            }
        }
        if json {
            try printJSON(offers)
            return
        }
        let rows = offers.map { offer in
            [offer.id, offer.price.map { $0.input.exactString } ?? "-", offer.price.map { $0.output.exactString } ?? "-",
             offer.contextWindow.map(String.init) ?? "-"]
        }
        print(TextTable(header: ["model", "input $/1M", "output $/1M", "context"], rows: rows).rendered())
        printError("\(offers.count) model(s) offered by \(provider); prices from Quorum's table (`quorum models prices`)")
    }
}
