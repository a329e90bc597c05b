import NIOCore
import NIOHTTP1
import NIOPosix

/// An HTTP server on 127.0.0.1 (ephemeral port) that answers from a script: for tests of the
/// provider layer and for `quorum bench providers`. Remote vendors cannot be reached from CI,
/// so their exact wire formats, faults included, are replayed from here.
///
/// Run it with `StubServer.run(_:_:)`, which serves while the body runs and stops afterwards.
public struct StubServer: Sendable {
    /// The port the server listens on.
    public let port: Int
    private let script: StubScript

    /// `http://127.0.0.1:PORT`
    public var baseURL: String { "http://127.0.0.1:\(port)" }

    /// Requests received so far, in order.
    public func requests() async -> [StubRequest] { await script.received }

    /// Serves `responses` in order (the last one repeats) while `body` runs.
    public static func run<T: Sendable>(
        _ responses: [StubResponse], _ body: (StubServer) async throws -> T
    ) async throws -> T {
        let script = StubScript(responses: responses)
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .serverChannelOption(.backlog, value: 512)
            .bind(host: "127.0.0.1", port: 0) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                    return try NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>(
                        wrappingChannelSynchronously: channel)
                }
            }
        let server = StubServer(port: channel.channel.localAddress?.port ?? 0, script: script)
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                try await withThrowingDiscardingTaskGroup { connections in
                    try await channel.executeThenClose { inbound in
                        for try await connection in inbound {
                            connections.addTask { await serve(connection, script: script) }
                        }
                    }
                }
            }
            defer { group.cancelAll() }
            let result = try await body(server)
            try? await channel.channel.close()
            return result
        }
    }

    private static func serve(
        _ connection: NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>, script: StubScript
    ) async {
        try? await connection.executeThenClose { inbound, outbound in
            var head: HTTPRequestHead?
            var body = ByteBuffer()
            for try await part in inbound {
                switch part {
                case .head(let requestHead):
                    head = requestHead
                    body.clear()
                case .body(var piece):
                    body.writeBuffer(&piece)
                case .end:
                    guard let head else { return }
                    let request = StubRequest(
                        method: head.method.rawValue, uri: head.uri, headers: head.headers.map { ($0.name, $0.value) },
                        body: String(buffer: body), receivedAt: .now)
                    let response = await script.next(recording: request)
                    if try await !write(response, to: outbound) { return }  // cut: close the connection
                }
            }
        }
    }

    /// Writes `response`; returns `false` when it was cut and the connection must close.
    private static func write(
        _ response: StubResponse, to outbound: NIOAsyncChannelOutboundWriter<HTTPServerResponsePart>
    ) async throws -> Bool {
        if response.headDelay > .zero { try await Task.sleep(for: response.headDelay) }
        var headers = HTTPHeaders(response.headers)
        let streamed = response.chunks.count > 1 || response.cutAfter != nil || response.chunkDelay > .zero
        if streamed {
            headers.add(name: "transfer-encoding", value: "chunked")
        } else {
            headers.add(name: "content-length", value: String(response.chunks.first?.utf8.count ?? 0))
        }
        try await outbound.write(.head(HTTPResponseHead(version: .http1_1, status: response.status, headers: headers)))
        for (index, chunk) in response.chunks.enumerated() {
            if let cut = response.cutAfter, index >= cut { return false }
            if response.chunkDelay > .zero { try await Task.sleep(for: response.chunkDelay) }
            try await outbound.write(.body(.byteBuffer(ByteBuffer(string: chunk))))
        }
        if let cut = response.cutAfter, cut >= response.chunks.count { return false }
        try await outbound.write(.end(nil))
        return true
    }
}

/// The queue of scripted responses and the log of received requests.
actor StubScript {
    private var responses: [StubResponse]
    private(set) var received: [StubRequest] = []

    init(responses: [StubResponse]) { self.responses = responses }

    func next(recording request: StubRequest) -> StubResponse {
        received.append(request)
        return responses.count > 1 ? responses.removeFirst() : responses[0]
    }
}
