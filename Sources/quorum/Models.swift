import ArgumentParser

/// `quorum models …`: what Quorum knows about models without calling any.
struct Models: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show what Quorum knows about models.",
        subcommands: [ModelsPrices.self]
    )
}
