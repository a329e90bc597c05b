import ArgumentParser
import Foundation
import QuorumEvaluation

struct Runs: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List the runs in a store, newest first.")

    @OptionGroup var options: RunsStoreOptions

    func run() async throws {
        let store = try await options.openStore()
        let runs = try await store.runs()
        if options.json {
            try printJSON(runs)
            return
        }
        guard !runs.isEmpty else {
            print("no runs yet")
            return
        }
        let formatter = ISO8601DateFormatter()
        let table = TextTable(
            header: ["run", "name", "status", "dataset", "systems", "started"],
            rows: runs.map {
                [$0.id, $0.name, $0.status.rawValue, $0.dataset, $0.systems.joined(separator: ","),
                    formatter.string(from: $0.createdAt)]
            })
        print(table.rendered())
    }
}
