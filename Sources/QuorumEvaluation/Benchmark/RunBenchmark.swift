import Foundation
import Logging
import QuorumCore
import QuorumOrchestration

/// `quorum bench run`: the runner and store alone, N items × one system against a static stub model.
public struct RunBenchmark: Sendable {
    /// What one benchmark run measured.
    public struct Report: Sendable, Hashable, Codable {
        public var items: Int
        public var concurrency: Int
        public var seconds: Double
        public var itemsPerSecond: Double
        /// Peak resident memory of this process (VmHWM), in MB; `nil` where /proc is unavailable.
        public var peakRSSMegabytes: Double?
        public var answered: Int
        public var storePath: String
    }

    public var items: Int
    public var concurrency: Int
    /// Where the temporary store goes; removed afterwards unless `keepStore`.
    public var directory: String
    public var keepStore: Bool
    /// Builds the system under test from the stub model (the orchestration layer's `single`).
    public var makeSystem: @Sendable (StaticStubModel) -> any AnswerSystem

    public init(
        items: Int = 10_000, concurrency: Int = 32, directory: String = NSTemporaryDirectory(), keepStore: Bool = false,
        makeSystem: @escaping @Sendable (StaticStubModel) -> any AnswerSystem
    ) {
        self.items = items
        self.concurrency = concurrency
        self.directory = directory
        self.keepStore = keepStore
        self.makeSystem = makeSystem
    }

    public func run() async throws -> Report {
        let path = URL(fileURLWithPath: directory).appendingPathComponent("quorum-bench-\(UUID().uuidString).db").path
        defer {
            if !keepStore { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        }
        let store = try SQLiteRunStore(path: path)
        let model = StaticStubModel()
        let system = makeSystem(model)
        let dataset = (0..<items).map { index in
            DatasetItem(question: Question(id: "q\(index)", prompt: "What is \(index) + \(index)?", reference: "\(2 * index)"))
        }
        let run = RunRecord(
            id: RunRecord.makeID(), name: "bench", configSnapshot: "{}", dataset: "synthetic", systems: [system.name])
        let pairs = dataset.enumerated().map { position, item in
            ItemRecord(runID: run.id, system: system.name, itemID: item.id, position: position, prompt: item.question.prompt)
        }
        let start = ContinuousClock.now
        try await store.createRun(run, items: pairs)
        let runner = ExperimentRunner(
            store: store, models: [model.name: model], scorer: ReferenceVerifier(), concurrency: concurrency,
            logger: Logger(label: "quorum.bench"))
        let outcome = try await runner.run(run.id, items: dataset, systems: [system])
        let seconds = ExperimentRunner.seconds(start.duration(to: .now))
        return Report(
            items: items, concurrency: concurrency, seconds: seconds, itemsPerSecond: Double(items) / seconds,
            peakRSSMegabytes: Self.peakRSS(), answered: outcome.answered, storePath: path)
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
