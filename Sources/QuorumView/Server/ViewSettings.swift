import QuorumCore

/// Where `quorum view` listens and who may use it.
public struct ViewSettings: Sendable, Hashable {
    public var host: String
    /// 0 picks a free port (the one bound is reported when the server runs).
    public var port: Int
    /// Asked of every request when set (`Authorization: Bearer KEY`, or the cookie a `?key=KEY`
    /// login sets); required beyond loopback.
    public var apiKey: String?

    public init(host: String = "127.0.0.1", port: Int = 8090, apiKey: String? = nil) {
        self.host = host
        self.port = port
        self.apiKey = apiKey.flatMap { $0.isEmpty ? nil : $0 }
    }

    /// Whether only this machine can connect.
    public var isLoopback: Bool {
        host == "localhost" || host == "::1" || host == "[::1]" || host.hasPrefix("127.")
    }

    /// Throws `.configuration` with what to do when the settings would expose the store: the
    /// pages show every prompt and answer, and judging writes to the store.
    public func validate() throws {
        if !isLoopback, apiKey == nil {
            throw QuorumError(
                .configuration,
                "refusing to serve on \(host) without an API key: anyone who can reach it could read every run and write judgments; "
                    + "set QUORUM_VIEW_KEY (or pass --api-key), or keep the default --host 127.0.0.1")
        }
        guard (0...65_535).contains(port) else {
            throw QuorumError(.configuration, "--port \(port) is not a port (0…65535; 0 picks a free one)")
        }
    }
}
