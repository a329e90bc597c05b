import Foundation
import QuorumCore

/// How `quorum serve` listens and what it accepts.
public struct GatewaySettings: Sendable {
    public var host: String
    public var port: Int
    /// Accepted API keys in clear (from `server.api_keys`).
    public var apiKeys: [String]
    /// SHA-256 hex digests of accepted keys (from `server.api_keys_file`).
    public var apiKeyDigests: [String]
    public var maxBodyBytes: Int
    public var maxMessages: Int
    /// Serve on a non-loopback address with no API key configured.
    public var allowPublicWithoutKeys: Bool
    /// Log prompt and answer text in access logs (off by default: prompts are user data).
    public var logBodies: Bool
    /// Interval between SSE keep-alive comments while a system works on a streamed answer.
    public var keepAliveInterval: Duration
    /// How long in-flight requests may take to finish after SIGTERM/SIGINT.
    public var shutdownGrace: Duration

    public init(
        host: String = "127.0.0.1", port: Int = 8080, apiKeys: [String] = [], apiKeyDigests: [String] = [],
        maxBodyBytes: Int = 4 * 1024 * 1024, maxMessages: Int = 1024, allowPublicWithoutKeys: Bool = false,
        logBodies: Bool = false, keepAliveInterval: Duration = .seconds(5), shutdownGrace: Duration = .seconds(30)
    ) {
        self.host = host
        self.port = port
        self.apiKeys = apiKeys
        self.apiKeyDigests = apiKeyDigests
        self.maxBodyBytes = maxBodyBytes
        self.maxMessages = maxMessages
        self.allowPublicWithoutKeys = allowPublicWithoutKeys
        self.logBodies = logBodies
        self.keepAliveInterval = keepAliveInterval
        self.shutdownGrace = shutdownGrace
    }

    /// Settings from a config's `server:` section; `keysFileDirectory` resolves a relative keys file.
    public init(server: ServerConfig?, host: String, port: Int, keysFileDirectory: URL?) throws {
        var digests: [String] = []
        if let file = server?.apiKeysFile {
            let url = URL(fileURLWithPath: file, relativeTo: keysFileDirectory)
            guard let text = try? String(contentsOf: url, encoding: .utf8) else {
                throw GatewayStartError("cannot read server.api_keys_file at \(url.path)")
            }
            digests = text.components(separatedBy: .newlines)
        }
        self.init(
            host: host, port: port, apiKeys: server?.apiKeys ?? [], apiKeyDigests: digests,
            maxBodyBytes: server?.maxBodyBytes ?? 4 * 1024 * 1024, maxMessages: server?.maxMessages ?? 1024)
    }

    /// Whether `host` only accepts connections from this machine.
    var isLoopback: Bool {
        ["127.0.0.1", "localhost", "::1"].contains(host) || host.hasPrefix("127.")
    }
}
