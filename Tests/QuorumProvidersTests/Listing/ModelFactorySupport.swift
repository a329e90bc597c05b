import AsyncHTTPClient
import Logging
import QuorumProviders

/// Runs `body` with a model factory over its own HTTP client, shut down afterwards whatever happens;
/// `environment` is all the factory sees (keys included).
func withModelFactory<T>(environment: [String: String] = [:], _ body: (ModelFactory) async throws -> T) async throws -> T {
    let client = HTTPClient(eventLoopGroupProvider: .singleton)
    do {
        let result = try await body(ModelFactory(httpClient: client, logger: Logger(label: "t"), environment: environment))
        try await client.shutdown()
        return result
    } catch {
        try await client.shutdown()
        throw error
    }
}
