import Foundation

/// How a run uses vendors' batch APIs (`quorum run`'s `batch: true`, CoEval's batched phases): a
/// client per batched model, how often to poll, and where progress lines go. Empty (the default)
/// runs every call live.
public struct BatchSettings: Sendable {
    /// The batch client of each model whose calls may be batched.
    public var clients: [String: any BatchClient]
    /// Time between two polls of a pending batch.
    public var pollInterval: Duration
    /// Hears one line per submit and per poll (`batch msgbatch_1 (4 response_collection, student): in_progress 3/8, 12s`).
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

    /// `QUORUM_BATCH_POLL_SECONDS` (fractions allowed), else 30 seconds.
    public static func pollInterval(environment: [String: String] = ProcessInfo.processInfo.environment) -> Duration {
        guard let text = environment["QUORUM_BATCH_POLL_SECONDS"], let seconds = Double(text), seconds >= 0 else {
            return .seconds(30)
        }
        return .milliseconds(Int(seconds * 1000))
    }

    /// Whether any model is batched.
    public var isEnabled: Bool { !clients.isEmpty }
}
