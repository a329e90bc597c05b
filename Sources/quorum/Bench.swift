import ArgumentParser

/// `quorum bench …`: performance measurements (never run as tests).
struct Bench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Measure Quorum's own performance.",
        subcommands: [BenchProviders.self]
    )
}
