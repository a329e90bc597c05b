import Logging
import QuorumEvaluation
import Synchronization

/// Writes served traces to the store in the background, in batches: a request only appends to a
/// list under a lock, never waits for SQLite, and never blocks an event loop (everything in
/// `quorum serve` runs on them). Under load a batch holds every trace that arrived while the
/// previous one was written, one transaction each.
final class TraceArchive: Sendable {
    private let store: SQLiteRunStore
    private let logger: Logger
    private let pending = Mutex<[ServedTrace]>([])
    private let wakeUps: AsyncStream<Void>
    private let wake: AsyncStream<Void>.Continuation

    init(store: SQLiteRunStore, logger: Logger) {
        self.store = store
        self.logger = logger
        (wakeUps, wake) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
    }

    /// Queues `trace` for the next batch.
    func add(_ trace: ServedTrace) {
        pending.withLock { $0.append(trace) }
        wake.yield()
    }

    /// A trace still waiting for its batch, else the stored one.
    func trace(id: String) async throws -> ServedTrace? {
        if let waiting = pending.withLock({ $0.last { $0.id == id } }) { return waiting }
        return try await store.servedTrace(id: id)
    }

    /// Writes batches until `finish()`, then writes what is left and returns.
    func run() async {
        for await _ in wakeUps { await flush() }
        await flush()
    }

    /// Ends `run()` once what is queued is written (at shutdown, after in-flight requests finish).
    func finish() { wake.finish() }

    /// Writes everything queued now. A failed batch is logged and dropped: the traces are still
    /// in memory for recent requests, and serving must not stop for the store.
    func flush() async {
        let batch = pending.withLock { pending in
            defer { pending.removeAll(keepingCapacity: true) }
            return pending
        }
        guard !batch.isEmpty else { return }
        do {
            try await store.saveServedTraces(batch)
        } catch {
            logger.error(
                "could not store served traces", metadata: ["count": "\(batch.count)", "store": "\(store.path)", "error": "\(error)"])
        }
    }
}
