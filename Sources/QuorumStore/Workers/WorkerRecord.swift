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
    public var state: State
    public var startedAt: Date
    public var heartbeatAt: Date
    public var answered: Int
    public var failed: Int
    /// Leases held now (filled in by `workers(ofRun:)`).
    public var leases: Int

    public init(
        id: String, runID: String, host: String, pid: Int, concurrency: Int, state: State = .working,
        startedAt: Date = Date(), heartbeatAt: Date = Date(), answered: Int = 0, failed: Int = 0, leases: Int = 0
    ) {
        self.id = id
        self.runID = runID
        self.host = host
        self.pid = pid
        self.concurrency = concurrency
        self.state = state
        self.startedAt = startedAt
        self.heartbeatAt = heartbeatAt
        self.answered = answered
        self.failed = failed
        self.leases = leases
    }

    /// A new worker id: the host, the pid and a random suffix, readable in `quorum status`.
    public static func makeID(host: String, pid: Int) -> String {
        "\(host)-\(pid)-\(String(UInt32.random(in: 0...UInt32.max), radix: 36))"
    }
}
