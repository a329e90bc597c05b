import ArgumentParser
import QuorumCore
import QuorumEvaluation
import QuorumStore

/// Options shared by `quorum compare` and `quorum report`: which baseline, judge and reference price.
struct CompareOptions: ParsableArguments {
    @Option(help: "The system every other is compared with (default: the run's baseline).")
    var baseline: String?

    @Option(help: "The pairwise judge (default: the config's first pairwise judge, else the one with stored verdicts).")
    var judge: String?

    @Option(help: "Also price every system's tokens at this model's list price, e.g. gpt-4.1.")
    var referencePrice: String?

    @Option(help: "Bootstrap resamples for the intervals (at least 1000).")
    var resamples = 1000

    @Option(help: "Seed of the bootstrap, for reproducible intervals.")
    var seed: UInt64 = 42

    func validate() throws {
        if resamples < 1000 { throw ValidationError("--resamples must be at least 1000") }
    }

    /// The run, its config (the given file, else the run's snapshot) and the comparison options.
    func load(_ runID: String, store: any RunStore, configPath: String?) async throws
        -> (source: ComparisonSource, config: QuorumConfig?, options: ComparisonOptions)
    {
        if let record = try await store.run(runID) { try refuseCoEvalRun(record, instead: "quorum coeval status \(runID) --full") }
        let file = try configPath.map { try loadConfig($0) }
        let source = try await ComparisonSource.load(runID, from: store, config: file)
        let config = file ?? source.configSnapshot
        if let baseline, !source.run.systems.contains(baseline) {
            throw QuorumError(
                .configuration, "run \(runID) has no system '\(baseline)' (it has \(source.run.systems.joined(separator: ", ")))")
        }
        let options = try ComparisonOptions(
            config: config, run: source.run, baseline: baseline, judge: judge, referenceModel: referencePrice,
            bootstrap: Bootstrap(resamples: resamples, seed: seed))
        return (source, config, options)
    }
}
