import ArgumentParser

/// `quorum store …`: moving runs between stores.
struct Store: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "store",
        abstract: "Move runs between stores (SQLite → PostgreSQL).",
        subcommands: [StoreMigrate.self]
    )
}
