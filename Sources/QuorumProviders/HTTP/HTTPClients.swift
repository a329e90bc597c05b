import AsyncHTTPClient
import NIOCore
import NIOPosix

/// The `HTTPClient`s that model calls go out through: one shared client, or one per event loop.
///
/// `quorum serve` keeps one client per event loop. A call made on a loop then goes out over
/// connections that loop owns, so the request, the upstream's answer and the reply to the caller
/// stay on one thread. With a single client, AsyncHTTPClient reuses any idle connection, often
/// one on the other loop, and each crossing is a thread wake-up that costs more CPU than the
/// passthrough's own work (a third of the throughput at 64 connections, measured with
/// `bench/serve.sh`). Each per-loop client has its own pool, so the connection limit is per loop.
/// Plain `http://` upstreams then go through `LoopHTTPClient` instead, which does the same with
/// less work per request.
public struct HTTPClients: Sendable {
    /// The client for calls made off the event loops (and for side calls such as token counting).
    public let shared: HTTPClient
    /// The client for `http://` URLs, when there is one; AsyncHTTPClient handles the rest.
    let plain: LoopHTTPClient?
    private let perLoop: [ObjectIdentifier: HTTPClient]

    /// Every call goes through `client`; its lifetime is the caller's.
    public init(shared client: HTTPClient) {
        shared = client
        plain = nil
        perLoop = [:]
    }

    /// One client per loop of `group` plus a shared one on the whole group, all made with
    /// `configuration`, and a `LoopHTTPClient` on `group` for plain-HTTP upstreams (unless
    /// `plainHTTP` is false); `shutdown()` ends them all.
    public static func perEventLoop(
        of group: MultiThreadedEventLoopGroup = .singleton, configuration: HTTPClient.Configuration,
        plainHTTP: Bool = true
    ) -> HTTPClients {
        var perLoop: [ObjectIdentifier: HTTPClient] = [:]
        for loop in group.makeIterator() {
            perLoop[ObjectIdentifier(loop)] = HTTPClient(eventLoopGroup: loop, configuration: configuration)
        }
        let settings = LoopHTTPClient.Settings(
            connectTimeout: configuration.timeout.connect ?? .seconds(10),
            idleTimeout: configuration.connectionPool.idleTimeout,
            maxIdlePerHost: configuration.connectionPool.concurrentHTTP1ConnectionsPerHostSoftLimit)
        return HTTPClients(
            shared: HTTPClient(eventLoopGroup: group, configuration: configuration),
            plain: plainHTTP ? LoopHTTPClient(group: group, settings: settings) : nil, perLoop: perLoop)
    }

    private init(shared: HTTPClient, plain: LoopHTTPClient?, perLoop: [ObjectIdentifier: HTTPClient]) {
        self.shared = shared
        self.plain = plain
        self.perLoop = perLoop
    }

    /// The client of the event loop the caller runs on, else the shared one.
    var current: HTTPClient {
        guard !perLoop.isEmpty, let loop = MultiThreadedEventLoopGroup.currentEventLoop else { return shared }
        return perLoop[ObjectIdentifier(loop)] ?? shared
    }

    /// Shuts down every client this value made (the shared one too).
    public func shutdown() async throws {
        await plain?.shutdown()
        for client in perLoop.values { try await client.shutdown() }
        try await shared.shutdown()
    }
}
