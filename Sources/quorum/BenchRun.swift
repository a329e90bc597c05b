import ArgumentParser
import Foundation
import QuorumBenchmarks
import QuorumCore
import QuorumEvaluation
import QuorumOrchestration
import QuorumStore

struct BenchRun: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run N items × `single` against a static in-process stub model: items/s and peak RSS.")

    @Option(help: "Items to run.")
    var items = 10_000

    @Option(help: "Items answered at once.")
    var concurrency = 32

    @Option(help: "Keep the run in this store (a SQLite path or postgres://…) instead of a temporary SQLite file.")
    var store: String?

    @Option(name: .customLong("continue"), help: "Continue this benchmark run (needs --store).")
    var continueRunID: String?

    @Flag(help: "Print the report as JSON.")
    var json = false

    func validate() throws {
        if continueRunID != nil, store == nil { throw ValidationError("--continue needs --store") }
    }

    func run() async throws {
        var benchmark = RunBenchmark(
            items: items, concurrency: concurrency, store: store.map { StoreLocation($0) },
            continueRunID: continueRunID
        ) { model in
            SingleSystem(name: "single", responder: .model(model.name, GenerationParameters()))
        }
        benchmark.logger.logLevel = .warning
        let report = try await benchmark.run()
        if json {
            try printJSON(report)
            return
        }
        print(String(
            format: "%d items × single, concurrency %d: %d answered in %.2f s, %.0f items/s, peak RSS %.1f MB",
            report.items, report.concurrency, report.answeredNow, report.seconds, report.itemsPerSecond,
            report.peakRSSMegabytes ?? -1) + " (run \(report.runID), \(report.answered)/\(report.items) answered)")
    }
}
