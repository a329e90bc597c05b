import Foundation

/// What `quorum local status` reports for one catalog model.
public struct LocalServerStatus: Sendable, Hashable {
    /// Whether the server is up and answering.
    public enum State: String, Sendable, Hashable {
        /// The process is alive and answers `/v1/models`.
        case running
        /// The process is alive but does not answer (still loading, or stuck).
        case unresponsive
        /// No server process for this model.
        case stopped
    }

    /// The catalog name.
    public var model: String
    /// Whether the model's verified weights are in place.
    public var isInstalled: Bool
    public var state: State
    /// The server's process id while one exists.
    public var pid: Int32?
    /// The port it listens on (running) or would listen on (stopped).
    public var port: Int
    /// The OpenAI-compatible base URL on `port`.
    public var baseURL: URL {
        URL(string: "http://127.0.0.1:\(port)/v1")!
    }

    public init(model: String, isInstalled: Bool, state: State, pid: Int32?, port: Int) {
        self.model = model
        self.isInstalled = isInstalled
        self.state = state
        self.pid = pid
        self.port = port
    }
}
