import ArgumentParser
import Foundation
import Logging
import QuorumCore
import QuorumEvaluation
import QuorumOrchestration
import QuorumStore

struct Calibrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Fit a cascade's confidence threshold, or a learned router, on data and print its cost–quality curve.",
        discussion: """
            Every level of the cascade answers every item alone, asked for its token logprobs, as an \
            ordinary stored run (run again, it continues that run: nothing is paid twice). Each threshold \
            is then replayed without a call: accuracy, cost and the share reaching the last level, the \
            oracle (a perfect gate), RouteLLM's APGR and CPT50/CPT80. The threshold meeting --target is \
            fitted on part of the items and checked on the rest (--holdout) with bootstrap intervals, and \
            on a test split when --test-split names one. The replay is exact for escalate: fresh at \
            temperature 0; with escalate: refine the later levels see a different prompt when run. \
            For a learned router (type: router, strategy: learned) the signal is the router's predicted \
            chance that each cheaper model is right, trained on the calibration items and read left one \
            out; --write saves the router file as well as its threshold.
            """)

    @Argument(help: "The experiment's YAML configuration.")
    var config: String

    @Option(help: "The cascade or learned router to calibrate.")
    var system: String

    @Option(help: "quality=F (cheapest keeping F of the last level's accuracy), strong-share=F or cost=F.")
    var target = "quality=0.95"

    @Option(help: "Calibrate on the dataset items whose `split` field is this (default: every item).")
    var split: String?

    @Option(help: "Fit the confidence gate on this signal instead of the config's (\(ConfidenceRule.Signal.allCases.map(\.rawValue).joined(separator: ", "))).")
    var signal: String?

    @Option(help: "Also check the chosen threshold on the items whose `split` field is this.")
    var testSplit: String?

    @Option(help: "Share of the calibration items held out from fitting, to check the threshold on.")
    var holdout = 0.3

    @Option(help: "Use at most this many dataset items (per split).")
    var limit: Int?

    @Flag(help: "Write the chosen threshold into the config file, with a comment saying when and on what.")
    var write = false

    @Option(help: "Items answered at once (default: the experiment's concurrency, else 8).")
    var concurrency: Int?

    @Option(help: "The run store (default: the config's store, else quorum.db here).")
    var store: String?

    @Flag(help: "Print the result as one JSON object.")
    var json = false

    func validate() throws {
        _ = try CalibrationTarget(parsing: target)
        guard (0..<1).contains(holdout) else { throw ValidationError("--holdout must be at least 0 and below 1") }
        if let limit, limit < 1 { throw ValidationError("--limit must be at least 1") }
        if let signal, ConfidenceRule.Signal(rawValue: signal) == nil {
            throw ValidationError(
                "--signal \(signal) is not a confidence signal; one of \(ConfidenceRule.Signal.allCases.map(\.rawValue).joined(separator: ", "))")
        }
    }

    private var reading: ConfidenceRule.Signal? { signal.flatMap(ConfidenceRule.Signal.init(rawValue:)) }

    func run() async throws {
        let config = try loadConfig(self.config)
        let target = try CalibrationTarget(parsing: self.target)
        let runStore = try await StoreLocation.resolve(flag: store, config: config).open()
        let plan = try CalibrationPlan(config: config, system: system, split: split, reading: reading)
        let (runID, records) = try await observe(plan, store: runStore)
        let testRecords: [ItemRecord]? = if let testSplit {
            try await observe(try CalibrationPlan(config: config, system: system, split: testSplit, reading: reading), store: runStore).1
        } else { nil }
        var (items, incomplete) = plan.ladder(from: records)
        var testItems = testRecords.map { plan.ladder(from: $0).items }
        var trained: RouterModel?
        if case .learnedRouter(_, let embeddings, _) = plan.signal {
            // The router's signal is its own prediction: trained on the calibration items, read left one out.
            let fitting = RouterFitting(
                config: config, models: plan.levels, embeddings: embeddings, confidence: { plan.confidence(of: $0) })
            try await fitting.withEmbedder { embedder in
                let (router, ladder) = try await fitting.train(on: records, runs: [runID], embedder: embedder, k: 10)
                (trained, items) = (router, ladder)
                if let testRecords { testItems = try await fitting.ladder(of: testRecords, router: router, embedder: embedder) }
            }
            incomplete = Set(records.map(\.itemID)).count - items.count
        }
        guard items.count >= 10 else {
            throw QuorumError(.configuration, "only \(items.count) items were answered by every level; calibrating needs at least 10")
        }
        var result = CalibrationResult(
            plan: plan, target: target, runID: runID, items: items, incomplete: incomplete, holdout: holdout)
        if let testItems { result.evaluate(onTest: testItems) }
        result.signals = plan.signalRankings(records: records, test: testRecords)
        if json { try printJSON(result) } else { print(result.renderedTable()) }
        guard write else { return }
        if let trained, case .learnedRouter(let file, _, _) = plan.signal {
            try trained.save(to: file)
            printError("wrote the router (\(trained.examples.count) examples) to \(file)")
        }
        try writeThreshold(result, plan: plan, config: config, items: items.count)
    }

    /// The plan's run, continued where it stopped (or started), every level answering every item.
    private func observe(_ plan: CalibrationPlan, store: any RunStore) async throws -> (String, [ItemRecord]) {
        let observed = plan.observationConfig
        let launcher = RunLauncher(config: observed, store: store)
        var existing = try await plan.existingRun(in: store)
        if let run = existing {
            var dryRun = RunRequest(systems: plan.levelSystems, limit: limit)
            dryRun.dryRun = true
            let pairs = try await launcher.prepare(dryRun, scoring: nil).stored
            if !RunLauncher.changedItems(pairs, stored: try await store.items(ofRun: run.id)).isEmpty {
                printError("run \(run.id) answered an earlier version of the dataset; observing again in a new run")
                existing = nil
            }
        }
        let request = RunRequest(systems: plan.levelSystems, limit: limit, continueRunID: existing?.id)
        let connections = concurrency ?? observed.experiment?.concurrency ?? 8
        var logger = Logger(label: "quorum.calibrate")
        logger.logLevel = .warning
        if let existing, try await isComplete(existing.id, plan: plan, launcher: launcher, request: request, store: store) {
            printError("run \(existing.id): every level has answered every item; nothing to pay for")
            return (existing.id, try await store.items(ofRun: existing.id))
        }
        let outcome = try await RunComponents.with(observed, systems: plan.levelSystems, connections: connections, logger: logger) {
            components in
            let prepared = try await launcher.prepare(request, scoring: components.scorer?.label)
            return try await executeRun(
                prepared, components: components, config: observed, store: store, concurrency: connections, logger: logger)
        }
        if outcome.status == .stopped {
            printError("\(outcome.pending) item(s) still pending (\(outcome.stopReason ?? "stopped")); calibrating on what is answered")
        }
        return (outcome.runID, try await store.items(ofRun: outcome.runID))
    }

    /// Whether the stored run already holds an answer from every level for every item asked for,
    /// so the models need not even be started.
    private func isComplete(
        _ id: String, plan: CalibrationPlan, launcher: RunLauncher, request: RunRequest, store: any RunStore
    ) async throws -> Bool {
        var dryRun = request
        dryRun.dryRun = true
        let wanted = Set(try await launcher.prepare(dryRun, scoring: nil).items.map(\.id))
        let answered = try await store.items(ofRun: id).filter { $0.status == .answered && wanted.contains($0.itemID) }
        return answered.count == wanted.count * plan.levelSystems.count
    }

    private func writeThreshold(_ result: CalibrationResult, plan: CalibrationPlan, config: QuorumConfig, items: Int) throws {
        guard let threshold = result.chosen.threshold else {
            printError("not written: no threshold meets \(result.target) (every item would go to the last level)")
            return
        }
        guard let index = config.systems.firstIndex(where: { $0.name == system }), let path = config.sourcePath else { return }
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let day = ISO8601DateFormatter.string(from: Date(), timeZone: .gmt, formatOptions: [.withFullDate])
        let dataset = (config.dataset?.path).map { URL(fileURLWithPath: $0).lastPathComponent } ?? "the dataset"
        let comment = "calibrated \(day) by `quorum calibrate --target \(result.target)` on \(items) items of \(dataset)"
            + (split.map { " (split \($0))" } ?? "") + ", run \(result.runID)"
        var edited = try ConfigEditor.setting(
            "systems[\(index)].\(plan.thresholdKey)", to: threshold, comment: comment, in: text)
        if let reading, let confidence = plan.rule {
            edited = try ConfigEditor.setting(
                "systems[\(index)].gate.confidence.signal", toWord: reading.rawValue, comment: comment, in: edited)
            if reading == .quantile, config.systems[index].gate?.confidence?.q == nil {
                printError("note: the gate reads q = \(confidence.q) (the default); add q: to choose another quantile")
            }
        }
        if let gate = result.chosen.gateThreshold {
            edited = try ConfigEditor.setting("systems[\(index)].gate.confidence.threshold", to: gate, comment: comment, in: edited)
        }
        try edited.write(toFile: path, atomically: true, encoding: .utf8)
        printError(
            (reading.map { "wrote signal \($0.rawValue), " } ?? "") + "wrote threshold \(String(format: "%.4f", threshold))"
                + (result.chosen.gateThreshold.map { " and gate threshold \(String(format: "%.4f", $0))" } ?? "")
                + " into \(self.config)")
    }
}
