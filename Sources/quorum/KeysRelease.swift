import ArgumentParser
import Foundation
import QuorumStore

/// `quorum keys release NAME`: frees budget held by requests that never settled.
struct KeysRelease: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "release",
        abstract: "Free budget a virtual key still holds for requests that never ended (a gateway killed mid-request).",
        discussion: """
            Every request holds its estimated cost until it ends, when the real cost replaces it. A gateway killed \
            with requests in flight (kill -9, a lost machine) leaves those holds behind, and they count against the \
            budget until its period ends; `keys list` shows them as held. Run this when no gateway serving the store \
            has requests in flight: their holds are dropped too, and their real cost is still added when they end.
            """)

    @Argument(help: "The key's name.")
    var name: String

    @OptionGroup var options: KeysStoreOptions

    func run() async throws {
        let store = try await options.openStore()
        guard try await store.keys().contains(where: { $0.name == name }) else {
            printError("no key named '\(name)' (quorum keys list shows them)")
            throw ExitCode.failure
        }
        let released = try await store.releaseReservations(ofKey: name)
        print("released \(released.formatted) held by \(name)")
    }
}
