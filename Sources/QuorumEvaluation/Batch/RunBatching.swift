import Foundation
import QuorumProviders

/// How `quorum run` uses vendors' batch APIs: a client per model configured with `batch: true`, how
/// often to poll, and where progress lines go. Empty (the default) runs every call live.
public struct RunBatching: Sendable {
    /// The batch client of each model whose calls are batched.
    public var clients: [String: any BatchClient]
    /// Time between two polls of a pending batch.
    public var pollInterval: Duration
    /// Hears one line per submit and per poll.
    public var progress: (@Sendable (String) -> Void)?
    /// Lines per submitted batch at most (vendors accept 50,000-100,000; smaller batches finish sooner).
    public var maxLines: Int

    public init(
        clients: [String: any BatchClient] = [:], pollInterval: Duration = .seconds(30),
        progress: (@Sendable (String) -> Void)? = nil, maxLines: Int = 10_000
    ) {
        self.clients = clients
        self.pollInterval = pollInterval
        self.progress = progress
        self.maxLines = maxLines
    }

    public var isEnabled: Bool { !clients.isEmpty }
}
