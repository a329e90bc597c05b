import ArgumentParser
import QuorumBenchmarks

/// `quorum bench …`: benchmarks, as commands (never timed tests).
struct Bench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Measure Quorum's own overhead.",
        subcommands: [BenchRun.self, BenchOrchestration.self, BenchProviders.self])
}
