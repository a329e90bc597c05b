import ArgumentParser

/// `quorum keys …`: virtual keys for `quorum serve --virtual-keys`.
struct Keys: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys",
        abstract: "Create, list, revoke and release virtual keys with budgets and rate limits for quorum serve.",
        discussion: """
            Keys live in the store `quorum serve --store` uses (a SQLite file for one gateway, postgres://… for \
            replicas sharing keys and budgets); serve them with `quorum serve CONFIG --store STORE --virtual-keys`. \
            Only each key's SHA-256 is stored: the key is printed once, by create.
            """,
        subcommands: [KeysCreate.self, KeysList.self, KeysRevoke.self, KeysRelease.self])
}
