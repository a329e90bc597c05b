import AsyncHTTPClient

extension HTTPClient.Configuration {
    /// The client settings of every command: a pool sized for `connections` calls at once.
    public static func quorum(connections: Int) -> HTTPClient.Configuration {
        var configuration = HTTPClient.Configuration(timeout: .init(connect: .seconds(10)))
        configuration.connectionPool = .init(
            idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: max(8, connections))
        // No tracer is ever bootstrapped here, and with the default no-op one AsyncHTTPClient still
        // parses the URL and builds span attributes on every request (2% of a `quorum serve` passthrough).
        configuration.tracing.tracer = nil
        return configuration
    }
}

extension HTTPClients {
    /// One client on the process's event loops, its pool sized for `connections` calls at once.
    public static func shared(connections: Int) -> HTTPClients {
        HTTPClients(shared: HTTPClient(eventLoopGroupProvider: .singleton, configuration: .quorum(connections: connections)))
    }

    /// Runs `body`, then shuts these clients down whether it returned or threw (a client dropped
    /// without a shutdown traps in AsyncHTTPClient's deinit).
    public func closing<Result>(after body: () async throws -> Result) async throws -> Result {
        do {
            let result = try await body()
            try await shutdown()
            return result
        } catch {
            try? await shutdown()
            throw error
        }
    }
}
