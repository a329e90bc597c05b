import ArgumentParser
import Foundation
import QuorumEvaluation
import QuorumStore

/// `quorum cache …`: look at and clear the response cache a store holds (`cache:` on models and systems).
struct CacheCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cache",
        abstract: "Show and clear the response cache in a store (what `cache:` keeps for quorum run and quorum serve).",
        subcommands: [CacheStats.self, CacheClear.self])
}

/// `--store`: the store whose cache to use (the one `quorum run --store` or `server.store` names).
struct CacheStoreOption: ParsableArguments {
    @Option(name: .long, help: "The store: a SQLite path, sqlite:PATH or postgres://….")
    var store: String

    func validate() throws {
        // Opening a SQLite path creates it: a mistyped path would report an empty cache.
        let location = StoreLocation(store)
        if location.kind == .sqlite, !FileManager.default.fileExists(atPath: location.address) {
            throw ValidationError("--store: no SQLite store at \(location.address)")
        }
    }

    func open() async throws -> any ResponseCacheAdministration {
        try await StoreLocation(store).openResponseCacheAdministration()
    }
}

/// `quorum cache stats --store runs.db`: answers per scope, how many expired, their size and age.
struct CacheStats: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats", abstract: "Answers cached per model or system: count, expired, size, oldest and newest.")

    @Flag(help: "Print one JSON value.")
    var json = false

    @OptionGroup var options: CacheStoreOption

    func run() async throws {
        let statistics = try await options.open().cacheStatistics(at: Date())
        if json {
            try printJSON(statistics)
            return
        }
        guard !statistics.isEmpty else {
            print("the cache is empty (models and systems with cache: fill it)")
            return
        }
        let stamp = ISO8601DateFormatter()
        let table = TextTable(
            header: ["scope", "answers", "expired", "size", "oldest", "newest"],
            rows: statistics.map { scope in
                [
                    scope.scope, "\(scope.entries)", "\(scope.expired)",
                    ByteCountFormatter.string(fromByteCount: scope.bytes, countStyle: .file),
                    stamp.string(from: scope.oldest), stamp.string(from: scope.newest),
                ]
            })
        print(table.rendered())
    }
}

/// `quorum cache clear --store runs.db [--scope NAME] [--expired]`.
struct CacheClear: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "clear",
        abstract: "Delete cached answers: all, one model's or system's (--scope), or only expired ones (--expired).",
        discussion: """
            The next identical request is then answered, and paid for, again. Safe while gateways run: they \
            only miss. Stored runs and their traces are never touched.
            """)

    @Option(help: "Only this model's or system's answers (a name from the config; `cache stats` lists them).")
    var scope: String?

    @Flag(help: "Only answers past their ttl.")
    var expired = false

    @OptionGroup var options: CacheStoreOption

    func run() async throws {
        let removed = try await options.open().clearCachedResponses(scope: scope, expiredAt: expired ? Date() : nil)
        let what = [expired ? "expired" : nil, "cached answer\(removed == 1 ? "" : "s")"].compactMap { $0 }.joined(separator: " ")
        print("deleted \(removed) \(what)\(scope.map { " of \($0)" } ?? "")")
    }
}
