import ArgumentParser
import Foundation
import QuorumBenchmarks
import QuorumCore
import QuorumOrchestration

/// `quorum bench orchestration`: time per model call spent in Quorum itself (systems, gates,
/// judges' parsing, traces, cost sums) with instant in-process models, and memory over many items.
struct BenchOrchestration: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "orchestration",
        abstract: "Overhead per system call with instant in-process models (target ≤ 20 µs), memory over many items.")

    @Option(help: "Items answered per system.")
    var items = 100_000

    @Option(help: "Systems to run: single, cascade, confidence-cascade, learned-router, moa, debate, self-consistency (comma-separated).")
    var systems = "single,cascade,confidence-cascade,learned-router,moa,debate,self-consistency"

    @Flag(help: "Print the results as JSON.")
    var json = false

    func validate() throws {
        guard items > 0 else { throw ValidationError("--items must be at least 1.") }
        let unknown = systemNames.filter { BenchWorkload.system(named: $0) == nil }
        guard unknown.isEmpty else { throw ValidationError("Unknown system(s): \(unknown.joined(separator: ", ")).") }
    }

    var systemNames: [String] { systems.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }

    func run() async throws {
        var results: [BenchResult] = []
        for name in systemNames {
            let result = try await BenchWorkload.measure(system: BenchWorkload.system(named: name)!, items: items)
            results.append(result)
            if !json { print(result.line) }
        }
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            print(String(decoding: try encoder.encode(results), as: UTF8.self))
        }
    }
}

/// One system's figures.
struct BenchResult: Codable {
    var system: String
    var items: Int
    var calls: Int
    var microsecondsPerCall: Double
    var microsecondsPerItem: Double
    /// Resident memory (MiB) after 1%, 25%, 50%, 75% and 100% of the items.
    var residentMiB: [Double]

    var line: String {
        let memory = residentMiB.map { String(format: "%.1f", $0) }.joined(separator: " → ")
        let name = system.padding(toLength: max(system.count, 17), withPad: " ", startingAt: 0)
        return name + String(
            format: "%7d items %8d calls  %6.2f µs/call  %7.2f µs/item", items, calls, microsecondsPerCall,
            microsecondsPerItem) + "  RSS MiB " + memory
    }
}
