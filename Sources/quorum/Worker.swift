import ArgumentParser
import Foundation
import Logging
import QuorumCore
import QuorumEvaluation
import QuorumStore

struct Worker: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Work on a run in a shared PostgreSQL store beside any number of other workers.",
        discussion: """
            Claims pending (system, item) pairs one free slot at a time (FOR UPDATE SKIP LOCKED), answers, \
            scores and saves them, and heartbeats its leases. A worker that dies stops renewing them; \
            when they expire, another worker finishes its pairs, replaying every call it journaled. \
            Leaves when nothing of the run is left to claim. SIGTERM or Ctrl-C: no new pairs, the ones \
            in flight finish (twice: abandons them, giving their leases back). Create the run with \
            `quorum run CONFIG --store URL --enqueue-only`.
            """)

    @Argument(help: "The experiment's YAML configuration (the one the run was created with).")
    var config: String

    @Option(help: "The shared store, postgres://… (default: the config's store).")
    var store: String?

    @Option(name: .customLong("run"), help: "The run to work on (default: the store's newest running run).")
    var runID: String?

    @Option(help: "Pairs answered at once by this worker (default: the experiment's concurrency, else 8).")
    var concurrency: Int?

    @Option(help: "Seconds a claim holds without a heartbeat (heartbeats come three times per lease).")
    var lease: Double = 60

    @Flag(help: "Print what the worker did as one JSON object.")
    var json = false

    @Flag(help: "Log every pair that is not answered.")
    var verbose = false

    func validate() throws {
        if let concurrency, concurrency < 1 { throw ValidationError("--concurrency must be at least 1") }
        if lease < 1 { throw ValidationError("--lease must be at least 1 second") }
    }

    func run() async throws {
        let config = try loadConfig(self.config)
        let queue = try await StoreLocation.resolve(flag: store, config: config).openQueue()
        var logger = Logger(label: "quorum.worker")
        logger.logLevel = verbose ? .debug : .warning
        let request = WorkerRequest(
            runID: runID, concurrency: concurrency ?? config.experiment?.concurrency ?? 8, lease: .seconds(lease))
        let stop = StopSignal()
        let interrupts = RunInterrupts(stop)
        defer { withExtendedLifetime(interrupts) {} }
        var display: Task<Void, Never>?
        let outcome = try await RunWorker.join(config, queue: queue, request: request, stop: stop, logger: logger) {
            prepared, worker, tracker in
            printError("worker \(worker.id) on run \(prepared.run.id): \(tracker.snapshot().remaining) pairs claimable")
            display = Task { await RunProgressDisplay(tracker: tracker).show() }
        }
        display?.cancel()
        await display?.value
        if json { try printJSON(outcome) } else { print(outcome.rendered) }
        if outcome.state == .stopped { throw ExitCode(2) }
    }
}

extension WorkerOutcome {
    /// Two lines: what this worker did, and where the run stands.
    var rendered: String {
        var text = "worker \(worker) \(state.rawValue): \(answered) answered, \(failed) failed here"
        text += "\nrun: \(queue.answered) answered, \(queue.failed) failed, \(queue.claimable + queue.expired) claimable, "
        text += "\(queue.leased) leased to other workers, \(queue.heldBack) held back by budget or quota"
        if let runStatus { text += "\nrun \(runStatus.rawValue)" + (stopReason.map { ": \($0)" } ?? "") }
        return text
    }
}
