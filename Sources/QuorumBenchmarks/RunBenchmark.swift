import Foundation
import Logging
import QuorumCore
import QuorumEvaluation
import QuorumOrchestration
import QuorumStore

/// `quorum bench run`: the runner and store alone, N items × one system against a static stub model.
public struct RunBenchmark: Sendable {
    /// What one benchmark run measured.
    public struct Report: Sendable, Hashable, Codable {
        public var runID: String
        public var items: Int
        public var concurrency: Int
        /// Pairs answered by this process (fewer than `items` when continuing).
        public var answeredNow: Int
        public var seconds: Double
        public var itemsPerSecond: Double
        /// Peak resident memory of this process (VmHWM), in MB; `nil` where /proc is unavailable.
        public var peakRSSMegabytes: Double?
        public var answered: Int
        /// The store, as `sqlite:PATH` or a PostgreSQL URL without its password.
        public var store: String
    }

    public var items: Int
    public var concurrency: Int
    /// The store to use (SQLite or PostgreSQL); a temporary SQLite file (removed afterwards) when `nil`.
    public var store: StoreLocation?
    /// Continue this run in `store` instead of starting one.
    public var continueRunID: String?
    /// Builds the system under test from the stub model (the orchestration layer's `single`).
    public var makeSystem: @Sendable (StaticStubModel) -> any AnswerSystem
    public var logger = Logger(label: "quorum.bench")

    public init(
        items: Int = 10_000, concurrency: Int = 32, store: StoreLocation? = nil, continueRunID: String? = nil,
        makeSystem: @escaping @Sendable (StaticStubModel) -> any AnswerSystem
    ) {
        self.items = items
        self.concurrency = concurrency
        self.store = store
        self.continueRunID = continueRunID
        self.makeSystem = makeSystem
    }

    public func run() async throws -> Report {
        let temporary = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("quorum-bench-\(UUID().uuidString).db").path
        defer {
            if self.store == nil { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: temporary + suffix) } }
        }
        let location = self.store ?? StoreLocation(temporary)
        let store = try await location.open()
        let model = StaticStubModel()
        let system = makeSystem(model)
        let dataset = (0..<items).map { index in
            DatasetItem(question: Question(id: "q\(index)", prompt: "What is \(index) + \(index)?", reference: "\(2 * index)"))
        }
        let start = ContinuousClock.now
        var runID = continueRunID ?? ""
        if continueRunID == nil { runID = try await createRun(in: store, system: system.name, dataset: dataset) }
        let before = try await store.items(ofRun: runID).count { $0.status == .answered }
        let runner = ExperimentRunner(
            store: store, models: [model.name: model], scorer: JudgeScorer.verifier(.auto(tolerance: 1e-6), named: "auto"),
            concurrency: concurrency, logger: logger)
        let outcome = try await runner.run(runID, items: dataset, systems: [system])
        let seconds = start.duration(to: .now).seconds
        let answeredNow = outcome.answered - before
        return Report(
            runID: runID, items: items, concurrency: concurrency, answeredNow: answeredNow, seconds: seconds,
            itemsPerSecond: Double(answeredNow) / seconds, peakRSSMegabytes: Self.peakRSS(), answered: outcome.answered,
            store: location.description)
    }

    private func createRun(in store: any RunStore, system: String, dataset: [DatasetItem]) async throws -> String {
        let run = RunRecord(
            id: RunRecord.makeID(), name: "bench", configSnapshot: "{}", dataset: "synthetic", systems: [system],
            scoring: "verifier:auto")
        let pairs = dataset.enumerated().map { position, item in
            ItemRecord(runID: run.id, system: system, itemID: item.id, position: position, prompt: item.question.prompt)
        }
        try await store.createRun(run, items: pairs)
        return run.id
    }

    /// VmHWM from /proc/self/status, in MB.
    static func peakRSS() -> Double? {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
            let kilobytes = Double(line.split(separator: " ").dropFirst().first ?? "")
        else { return nil }
        return kilobytes / 1024
    }
}
