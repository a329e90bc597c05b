import ArgumentParser
import Foundation
import QuorumStore

/// `quorum keys revoke NAME`: the key stops working from the next request on, on every replica.
struct KeysRevoke: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "revoke",
        abstract: "Revoke a virtual key: refused from its next request on (the gateway reads keys uncached).")

    @Argument(help: "The key's name.")
    var name: String

    @OptionGroup var options: KeysStoreOptions

    func run() async throws {
        guard try await options.openStore().revokeKey(named: name, at: Date()) else {
            printError("no active key named '\(name)' (quorum keys list shows them)")
            throw ExitCode.failure
        }
        print("revoked \(name)")
    }
}
