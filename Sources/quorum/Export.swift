import ArgumentParser
import Foundation
import QuorumCore
import QuorumEvaluation
import QuorumStore

struct Export: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a run's items, one per line: id, system, answer, reference, score, level, cost, latency.")

    enum Format: String, ExpressibleByArgument, CaseIterable { case jsonl, csv }

    @Argument(help: "The run id.")
    var runID: String

    @Option(help: "jsonl or csv.")
    var format: Format = .jsonl

    @Option(name: .shortAndLong, help: "Write to this file instead of standard output.")
    var output: String?

    @OptionGroup var options: RunsStoreOptions

    func run() async throws {
        let store = try await options.openStore()
        guard let record = try await store.run(runID) else {
            throw QuorumError(.store, "no run '\(runID)' in this store; `quorum runs` lists them")
        }
        try refuseCoEvalRun(record, instead: "quorum coeval export \(runID) DIR")
        let items = try await store.items(ofRun: runID).map(ExportedItem.init)
        var lines: [String] = []
        switch format {
        case .csv:
            lines = [ExportedItem.csvHeader] + items.map(\.csvRow)
        case .jsonl:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            lines = try items.map { String(decoding: try encoder.encode($0), as: UTF8.self) }
        }
        let text = lines.joined(separator: "\n") + "\n"
        if let output {
            try text.write(toFile: output, atomically: true, encoding: .utf8)
        } else {
            print(text, terminator: "")
        }
    }
}
