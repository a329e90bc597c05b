import ArgumentParser
import QuorumCoEval
import QuorumCore
import QuorumEvaluation
import QuorumStore

/// `--store URL` and `--json`, shared by every command that reads runs.
struct RunsStoreOptions: ParsableArguments {
    @Option(name: .long, help: "The run store: a SQLite path, sqlite:PATH or postgres://… (default: the config's store, else quorum.db here).")
    var store: String?

    @Option(name: .long, help: "A config whose store: to use when --store is not given.")
    var config: String?

    @Flag(name: .long, help: "Print one machine-readable JSON value.")
    var json = false

    func openStore() async throws -> any RunStore {
        let loaded = try config.map { try loadConfig($0) }
        return try await StoreLocation.resolve(flag: store, config: loaded).open()
    }

    /// The store CoEval runs live in (`coeval.store`, then `experiment.store`, then quorum.db).
    func openCoEvalStore() async throws -> any CoEvalStore {
        let loaded = try config.map { try loadConfig($0) }
        return try await StoreLocation.resolveCoEval(flag: store, config: loaded).openCoEvalStore()
    }
}
