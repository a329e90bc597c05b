import Logging
import QuorumStore
import Synchronization

/// Writes served traces to the store in the background, in batches: a request only appends to a
/// list under a lock, never waits for the store, and never blocks an event loop (everything in
/// `quorum serve` runs on them). A batch holds every trace that arrived within `coalescing` of
/// the first one (and, under load, while the previous batch was written), one transaction each:
/// at one request at a time, a transaction per request cost the gateway a writer-thread wake-up
/// on every request (with the store, added p50 0.25 → 0.34 ms; batched every 10 ms, 0.23–0.25 ms;
/// at 50 ms the bigger batches pushed p99 to 2 ms, `QUORUM_STORE=1 bench/serve.sh`).
final class TraceArchive: Sendable {
    private let store: any ServedTraceStore
    private let logger: Logger
    private let pending = Mutex(Queue())
    /// Traces waiting at most; beyond it (a store slower than the traffic) new ones are dropped,
    /// counted and logged, rather than growing memory without bound.
    let capacity: Int
    /// How long the writer waits after the first queued trace before it writes the batch.
    let coalescing: Duration

    private struct Queue {
        var traces: [ServedTrace] = []
        var dropped = 0
    }
    private let wakeUps: AsyncStream<Void>
    private let wake: AsyncStream<Void>.Continuation

    init(store: any ServedTraceStore, logger: Logger, capacity: Int = 100_000, coalescing: Duration = .milliseconds(10)) {
        self.store = store
        self.logger = logger
        self.capacity = capacity
        self.coalescing = coalescing
        (wakeUps, wake) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
    }

    /// Queues `trace` for the next batch.
    func add(_ trace: ServedTrace) {
        pending.withLock { queue in
            if queue.traces.count < capacity {
                queue.traces.append(trace)
            } else {
                queue.dropped += 1
            }
        }
        wake.yield()
    }

    /// A trace still waiting for its batch, else the stored one.
    func trace(id: String) async throws -> ServedTrace? {
        if let waiting = pending.withLock({ $0.traces.last { $0.id == id } }) { return waiting }
        return try await store.servedTrace(id: id)
    }

    /// Writes batches until `finish()`, then writes what is left and returns.
    func run() async {
        for await _ in wakeUps {
            try? await Task.sleep(for: coalescing)  // cut short at shutdown: the rest is written below
            await flush()
        }
        await flush()
    }

    /// Ends `run()` once what is queued is written (at shutdown, after in-flight requests finish).
    func finish() { wake.finish() }

    /// Writes everything queued now. A failed batch is logged and dropped: the traces are still
    /// in memory for recent requests, and serving must not stop for the store.
    func flush() async {
        let (batch, dropped) = pending.withLock { queue in
            defer { queue = Queue() }
            return (queue.traces, queue.dropped)
        }
        if dropped > 0 {
            logger.warning(
                "the trace store falls behind: traces not stored", metadata: ["dropped": "\(dropped)", "store": "\(store.location)"])
        }
        guard !batch.isEmpty else { return }
        do {
            try await store.saveServedTraces(batch)
        } catch {
            logger.error(
                "could not store served traces", metadata: ["count": "\(batch.count)", "store": "\(store.location)", "error": "\(error)"])
        }
    }
}
