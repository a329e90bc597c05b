import ArgumentParser
import Foundation
import Logging
import QuorumBenchmarks
import QuorumProviders

extension ProviderBenchmark.Client: ExpressibleByArgument {}

/// `quorum bench providers`: the provider layer's CPU per call and calls/s against a local stub.
struct BenchProviders: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "providers",
        abstract: "Measure the provider layer's CPU per call and calls/s against an in-process static stub.",
        discussion: "Build with `swift build -c release --product quorum` for meaningful figures."
    )

    @Option(help: "Calls per concurrency level.")
    var calls = 20_000

    @Option(parsing: .upToNextOption, help: "Concurrency levels to measure.")
    var concurrency: [Int] = [1, 64]

    @Flag(help: "Stream the answers (SSE) instead of whole responses.")
    var stream = false

    @Option(help: "The HTTP client: async-http-client (every command) or loop (quorum serve's, for plain-HTTP upstreams).")
    var client: ProviderBenchmark.Client = .asyncHTTPClient

    @Flag(help: "Print one JSON object instead of a table.")
    var json = false

    func validate() throws {
        guard calls > 0 else { throw ValidationError("--calls must be positive") }
        guard concurrency.allSatisfy({ $0 > 0 }) else { throw ValidationError("--concurrency levels must be positive") }
    }

    func run() async throws {
        let benchmark = ProviderBenchmark(calls: calls, concurrencies: concurrency, stream: stream, client: client)
        let report = try await benchmark.run(logger: Logger(label: "quorum.bench")) { line in
            if !json { print(line) }
        }
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            print(String(decoding: try encoder.encode(report), as: UTF8.self))
            return
        }
        print("")
        print("Quorum's own work per call (no sockets): \(format(report.ownWorkPerCall)) µs whole, "
            + "\(format(report.ownWorkPerStreamedCall)) µs streamed")
        print("mode: \(stream ? "stream" : "complete"), client: \(client.rawValue), \(calls) calls per level, \(ProcessInfo.processInfo.activeProcessorCount) cores")
        print("concurrency   calls/s   process CPU/call (µs)   p50 latency (ms)   p99 latency (ms)")
        for run in report.runs {
            print(
                pad(String(run.concurrency), 11) + pad(String(Int(run.callsPerSecond)), 10)
                    + pad(format(run.processCPUPerCall), 24) + pad(format(run.latencyP50 * 1000), 19)
                    + pad(format(run.latencyP99 * 1000), 19))
        }
    }

    private func format(_ value: Double) -> String { String(format: "%.1f", value) }
    private func pad(_ text: String, _ width: Int) -> String {
        String(repeating: " ", count: max(0, width - text.count)) + text
    }
}
