import ArgumentParser
import Foundation
import Logging
import QuorumCore
import QuorumEvaluation
import QuorumRuntime
import QuorumStore

struct Compare: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Judge every system against the baseline pairwise and compare quality, cost and latency.",
        discussion: """
            Each system's answer is judged against the baseline's twice, with positions swapped, by the \
            config's pairwise judge; every verdict is stored with the run, so an interrupted comparison \
            resumes without paying twice. Prints win/tie/loss, Arena-Hard scores with bootstrap intervals, \
            Bradley–Terry ratings (also style-controlled), judge bias, accuracy with McNemar's test, cost \
            and the cost–quality frontier.
            """)

    @Argument(help: "The run id (`quorum runs` lists them).")
    var runID: String

    @OptionGroup var compare: CompareOptions
    @OptionGroup var store: RunsStoreOptions

    @Flag(help: "Use only verdicts already stored; ask the judge nothing.")
    var noJudging = false

    @Option(help: "Pairs judged at once (default: the experiment's concurrency, else 4).")
    var concurrency: Int?

    func run() async throws {
        let runStore = try await store.openStore()
        let (loaded, config, options) = try await compare.load(runID, store: runStore, configPath: store.config)
        var source = loaded
        if !noJudging, let config, let judgeName = options.judge {
            let outcome = try await judge(source, config: config, judgeName: judgeName, baseline: options.baseline, store: runStore)
            for failure in outcome.failures { printError("not judged: \(failure)") }
            source = try await ComparisonSource.load(runID, from: runStore, config: store.config.map(loadConfig))
        } else if options.judge == nil, source.verdicts.isEmpty {
            printError(dim("no pairwise judge in the config: add one (type: pairwise) for win rates and arena scores"))
        }
        let comparison = source.comparison(options)
        if store.json { try printJSON(comparison) } else { print(comparison.renderedTables(colored: isTerminal)) }
    }

    private func judge(
        _ source: ComparisonSource, config: QuorumConfig, judgeName: String, baseline: String?, store runStore: any RunStore
    ) async throws -> PairwiseJudging.Outcome {
        guard let verdictStore = runStore as? any PairwiseVerdictStore else {
            throw QuorumError(.store, "this store cannot keep pairwise verdicts; compare with --no-judging")
        }
        guard let judgeModel = config.judge(named: judgeName)?.model else {
            throw QuorumError(.configuration, "no pairwise judge named '\(judgeName)' with a model in the config")
        }
        let logger = Logger(label: "quorum.compare")
        let parallel = concurrency ?? config.experiment?.concurrency ?? 4
        return try await Assembly.with(config, for: [judgeModel], connections: parallel, logger: logger) { assembly in
            guard let judge = assembly.catalog.pairwiseJudges[judgeName] else {
                throw QuorumError(.configuration, "'\(judgeName)' is not a pairwise judge")
            }
            let base = baseline ?? source.run.baseline ?? source.run.systems.first ?? ""
            printError("judging \(source.run.systems.count - 1) system(s) against \(base) with \(judgeName) (\(judgeModel))…")
            let outcome = try await PairwiseJudging(
                store: verdictStore, judge: judge, models: assembly.models, concurrency: parallel, logger: logger
            ).judgeMissing(runID: source.run.id, items: source.items, baseline: base)
            printError("\(outcome.complete) pairs judged (\(outcome.newGames) new games)")
            return outcome
        }
    }
}
