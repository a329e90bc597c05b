import NIOCore
import NIOHTTP1
import NIOPosix

/// An HTTP server on 127.0.0.1 (ephemeral port) that answers from a script: for tests of the
/// provider layer and for `quorum bench providers`. Remote vendors cannot be reached from CI,
/// so their exact wire formats, faults included, are replayed from here.
///
/// Run it with `StubServer.run(_:_:)`, which serves while the body runs and closes afterwards.
public struct StubServer: Sendable {
    /// The port the server listens on.
    public let port: Int
    private let script: StubScript

    /// `http://127.0.0.1:PORT`
    public var baseURL: String { "http://127.0.0.1:\(port)" }

    /// Requests received so far, in order (empty when the server does not record).
    public func requests() async -> [StubRequest] { await script.received }

    /// Serves `responses` in order (the last one repeats) while `body` runs. With `recording: false`
    /// and a single response, requests are answered on the event loop without any actor hop: the
    /// fast static stub the benchmark measures against.
    public static func run<T: Sendable>(
        _ responses: [StubResponse], recording: Bool = true, _ body: (StubServer) async throws -> T
    ) async throws -> T {
        precondition(!responses.isEmpty, "a stub needs at least one response")
        let script = StubScript(responses: responses)
        let fixed = !recording && responses.count == 1 ? responses[0] : nil
        return try await serve(script, fixed: fixed, body)
    }

    /// Answers each request with `responder` (routes, state, faults) while `body` runs.
    public static func run<T: Sendable>(
        responder: @escaping @Sendable (StubRequest) async -> StubResponse, _ body: (StubServer) async throws -> T
    ) async throws -> T {
        try await serve(StubScript(responses: [], responder: responder), fixed: nil, body)
    }

    private static func serve<T: Sendable>(
        _ script: StubScript, fixed: StubResponse?, _ body: (StubServer) async throws -> T
    ) async throws -> T {
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .serverChannelOption(.backlog, value: 512)
            .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                    try channel.pipeline.syncOperations.addHandler(StubHandler(script: script, fixed: fixed))
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        let server = StubServer(port: channel.localAddress?.port ?? 0, script: script)
        do {
            let result = try await body(server)
            try? await channel.close()
            return result
        } catch {
            try? await channel.close()
            throw error
        }
    }
}

/// The queue of scripted responses and the log of received requests.
actor StubScript {
    private var responses: [StubResponse]
    private(set) var received: [StubRequest] = []
    /// Answers every request instead of `responses` (a stateful stub, see `StubServer.run(responder:_:)`).
    private let responder: (@Sendable (StubRequest) async -> StubResponse)?

    init(responses: [StubResponse], responder: (@Sendable (StubRequest) async -> StubResponse)? = nil) {
        self.responses = responses
        self.responder = responder
    }

    func next(recording request: StubRequest) async -> StubResponse {
        received.append(request)
        if let responder { return await responder(request) }
        return responses.count > 1 ? responses.removeFirst() : responses[0]
    }
}
