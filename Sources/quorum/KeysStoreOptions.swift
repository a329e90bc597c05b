import ArgumentParser
import Foundation
import QuorumStore

/// `--store` or `--config`: where the keys are, shared by every `quorum keys` command.
struct KeysStoreOptions: ParsableArguments {
    @Option(name: .long, help: "The store quorum serve uses: a SQLite path, sqlite:PATH or postgres://….")
    var store: String?

    @Option(name: .long, help: "A config whose server.store to use when --store is not given.")
    var config: String?

    func validate() throws {
        guard store != nil || config != nil else {
            throw ValidationError("pass --store (the store quorum serve uses) or --config (a config with server.store)")
        }
    }

    func openStore() async throws -> any VirtualKeyStore {
        if let store { return try await StoreLocation(store).openVirtualKeyStore() }
        let path = config ?? ""
        guard let configured = try loadConfig(path).server?.store else {
            throw ValidationError("\(path) has no server.store; pass --store")
        }
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        return try await StoreLocation(configured, baseDirectory: folder).openVirtualKeyStore()
    }
}
