import Foundation

/// One worker process serving a run: who it is, where it runs and how far it got.
public struct WorkerRecord: Sendable, Hashable, Codable {
    public enum State: String, Sendable, Codable {
        /// Claiming and answering.
        case working
        /// Stopped by a signal (or an error) before the run's work was done.
        case stopped
        /// Left because nothing of the run remained to claim.
        case finished
    }

    public var id: String
    public var runID: String
    public var host: String
    public var pid: Int
    public var concurrency: Int
    /// How long its claims hold without a heartbeat.
    public var lease: Duration
    public var state: State
    public var startedAt: Date
    public var heartbeatAt: Date
    public var answered: Int
    public var failed: Int
    /// Leases held now (filled in by `workers(ofRun:)`).
    public var leases: Int

    public init(
        id: String, runID: String, host: String, pid: Int, concurrency: Int, lease: Duration = .seconds(60),
        state: State = .working,
        startedAt: Date = Date(), heartbeatAt: Date = Date(), answered: Int = 0, failed: Int = 0, leases: Int = 0
    ) {
        self.id = id
        self.runID = runID
        self.host = host
        self.pid = pid
        self.concurrency = concurrency
        self.lease = lease
        self.state = state
        self.startedAt = startedAt
        self.heartbeatAt = heartbeatAt
        self.answered = answered
        self.failed = failed
        self.leases = leases
    }

    /// A working worker whose heartbeat is older than its lease has died or stalled: its pairs
    /// are claimable again, and its counts stop at its last heartbeat.
    public func isSilent(at now: Date = Date()) -> Bool {
        state == .working && now.timeIntervalSince(heartbeatAt) > lease.seconds
    }

    /// A new worker id: the host, the pid and a random suffix, readable in `quorum status`.
    public static func makeID(host: String, pid: Int) -> String {
        "\(host)-\(pid)-\(String(UInt32.random(in: 0...UInt32.max), radix: 36))"
    }
}
