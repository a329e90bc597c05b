import AsyncHTTPClient
import NIOCore
import NIOHTTP1
import NIOPosix
import QuorumCore
import QuorumTesting
import Testing

@testable import QuorumProviders

/// `LoopHTTPClient`, the plain-HTTP client of `quorum serve`: connection reuse and its limits,
/// back-pressure, cancellation and bad input. (Every provider behaviour test also runs over it,
/// through `withStubModel`.)
@Suite("Loop HTTP client")
struct LoopHTTPClientTests {
    static let json = #"{"ok":true}"#

    /// Runs `body` with a client on its own two-loop group.
    func withClient<T: Sendable>(
        settings: LoopHTTPClient.Settings = .init(), _ body: (LoopHTTPClient, any EventLoop) async throws -> T
    ) async throws -> T {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 2)
        let client = LoopHTTPClient(group: group, settings: settings)
        do {
            let result = try await body(client, group.next())
            await client.shutdown()
            try await group.shutdownGracefully()
            return result
        } catch {
            await client.shutdown()
            try? await group.shutdownGracefully()
            throw error
        }
    }

    /// POSTs `text` to `server` from `loop` and reads the whole answer.
    func post(_ client: LoopHTTPClient, on loop: any EventLoop, to server: StubServer, _ text: String = "{}") async throws
        -> (HTTPResponseStatus, String)
    {
        let target = try #require(PlainHTTPTarget(url: server.baseURL + "/v1/chat/completions"))
        return try await EventLoopAffinity.run(on: loop) {
            let response = try await client.post(
                to: target, headers: ["content-type": "application/json"], body: ByteBuffer(string: text))
            let body = try await response.body.collect(upTo: 1 << 24)
            return (response.status, String(buffer: body))
        }
    }

    @Test("requests from one loop reuse one keep-alive connection, with Host and Content-Length set")
    func reuse() async throws {
        try await StubServer.run([.json(Self.json)]) { server in
            try await withClient { client, loop in
                for index in 0..<3 {
                    let (status, body) = try await post(client, on: loop, to: server, #"{"n":\#(index)}"#)
                    #expect(status == .ok)
                    #expect(body == Self.json)
                }
            }
            let requests = await server.requests()
            #expect(requests.count == 3)
            #expect(Set(requests.map(\.connection)).count == 1)
            #expect(requests.map(\.body) == [#"{"n":0}"#, #"{"n":1}"#, #"{"n":2}"#])
            #expect(requests[0].header("host") == "127.0.0.1:\(server.port)")
            #expect(requests[0].header("content-length") == "7")
            #expect(requests[0].uri == "/v1/chat/completions")
        }
    }

    @Test("a response with Connection: close is not followed by another request on that connection")
    func connectionClose() async throws {
        let closing = StubResponse.json(Self.json, headers: [("connection", "close")])
        try await StubServer.run([closing]) { server in
            try await withClient { client, loop in
                for _ in 0..<2 {
                    let (_, body) = try await post(client, on: loop, to: server)
                    #expect(body == Self.json)
                }
            }
            let requests = await server.requests()
            #expect(Set(requests.map(\.connection)).count == 2)
        }
    }

    @Test("a connection idle for longer than the idle timeout is closed, and the next request gets a new one")
    func idleTimeout() async throws {
        try await StubServer.run([.json(Self.json)]) { server in
            try await withClient(settings: .init(idleTimeout: .milliseconds(100))) { client, loop in
                #expect(try await post(client, on: loop, to: server).1 == Self.json)
                try await Task.sleep(for: .milliseconds(400))  // the sweeper closes it
                #expect(try await post(client, on: loop, to: server).1 == Self.json)
            }
            let requests = await server.requests()
            #expect(Set(requests.map(\.connection)).count == 2)
        }
    }

    @Test("a body larger than the buffer reaches a slow reader whole, in order")
    func backPressure() async throws {
        let piece = String(repeating: "x", count: 64 << 10)
        let pieces = (0..<32).map { "\($0 % 10)" + piece }
        let expected = pieces.joined()
        try await StubServer.run([StubResponse(chunks: pieces)]) { server in
            try await withClient { client, loop in
                let target = try #require(PlainHTTPTarget(url: server.baseURL + "/big"))
                let received = try await EventLoopAffinity.run(on: loop) {
                    let response = try await client.post(to: target, headers: [:], body: ByteBuffer(string: "{}"))
                    var text = ""
                    for try await part in response.body {
                        text += String(buffer: part)
                        try await Task.sleep(for: .milliseconds(1))
                    }
                    return text
                }
                #expect(received.count == expected.count)
                #expect(received == expected)
                // The connection is still good for the next request.
                #expect(try await post(client, on: loop, to: server).0 == .ok)
            }
        }
    }

    @Test("a body dropped half-read closes its connection; the next request goes out on a new one")
    func abandonedBody() async throws {
        let stream = StubResponse.sse(["data: 1\n\n", "data: 2\n\n"], chunkDelay: .milliseconds(200))
        try await StubServer.run([stream, .json(Self.json)]) { server in
            try await withClient { client, loop in
                let target = try #require(PlainHTTPTarget(url: server.baseURL + "/s"))
                try await EventLoopAffinity.run(on: loop) {
                    let response = try await client.post(to: target, headers: [:], body: ByteBuffer(string: "{}"))
                    var iterator = response.body.makeAsyncIterator()
                    _ = try await iterator.next()
                }
                #expect(try await post(client, on: loop, to: server).1 == Self.json)
            }
            let requests = await server.requests()
            #expect(Set(requests.map(\.connection)).count == 2)
        }
    }

    @Test("cancelling the caller while it waits for the head fails it at once and closes the connection")
    func cancellation() async throws {
        let slow = StubResponse.json(Self.json, headDelay: .seconds(10))
        try await StubServer.run([slow, .json(Self.json)]) { server in
            try await withClient { client, loop in
                let started = ContinuousClock.now
                let task = Task { try await post(client, on: loop, to: server) }
                try await Task.sleep(for: .milliseconds(100))
                task.cancel()
                await #expect(throws: CancellationError.self) { try await task.value }
                #expect(ContinuousClock.now - started < .seconds(5))
                #expect(try await post(client, on: loop, to: server).1 == Self.json)
            }
            let requests = await server.requests()
            #expect(Set(requests.map(\.connection)).count == 2)
        }
    }

    @Test("the idle limit counts from the last bytes: a slow, steady stream lives past it, a silent one fails")
    func idleLimit() async throws {
        let steady = StubResponse.sse((0..<5).map { "data: \($0)\n\n" }, chunkDelay: .milliseconds(150))
        let silent = StubResponse.sse(["data: 0\n\n", "data: 1\n\n"], chunkDelay: .seconds(10))
        try await StubServer.run([steady, silent]) { server in
            try await withClient { client, loop in
                let target = try #require(PlainHTTPTarget(url: server.baseURL + "/s"))
                func read() async throws -> String {
                    // 2 s of silence against 150 ms gaps: room for the whole suite sharing 2 cores with the stub,
                    // well below the silent stream's 10 s gap.
                    let limits = LoopHTTPClient.Limits(deadline: .now() + .seconds(20), idle: .seconds(2))
                    return try await EventLoopAffinity.run(on: loop) {
                        let response = try await client.post(
                            to: target, headers: [:], body: ByteBuffer(string: "{}"), limits: limits)
                        return String(buffer: try await response.body.collect(upTo: 1 << 20))
                    }
                }
                #expect(try await read().hasSuffix("data: 4\n\n"))  // 750 ms in all, never 2 s silent
                let started = ContinuousClock.now
                await #expect(throws: LoopHTTPError.silent) { _ = try await read() }
                #expect(ContinuousClock.now - started < .seconds(8))  // the idle limit, not the 10 s gap, ended it
            }
        }
    }

    @Test("the deadline ends an exchange that is still waiting for its head")
    func deadline() async throws {
        try await StubServer.run([.json(Self.json, headDelay: .seconds(10))]) { server in
            try await withClient { client, _ in
                let target = try #require(PlainHTTPTarget(url: server.baseURL + "/x"))
                let started = ContinuousClock.now
                await #expect(throws: LoopHTTPError.deadlinePassed) {
                    _ = try await client.post(
                        to: target, headers: [:], body: ByteBuffer(string: "{}"),
                        limits: .init(deadline: .now() + .milliseconds(300)))
                }
                #expect(ContinuousClock.now - started < .seconds(3))
            }
        }
    }

    @Test("a server that goes away mid-body fails the read with the connection's error")
    func cutBody() async throws {
        let cut = StubResponse.sse(["data: 1\n\n", "data: 2\n\n", "data: 3\n\n"], cutAfter: 1)
        try await StubServer.run([cut]) { server in
            try await withClient { client, loop in
                let target = try #require(PlainHTTPTarget(url: server.baseURL + "/s"))
                let error = await #expect(throws: LoopHTTPError.self) {
                    try await EventLoopAffinity.run(on: loop) {
                        let response = try await client.post(to: target, headers: [:], body: ByteBuffer(string: "{}"))
                        for try await _ in response.body {}
                    }
                }
                #expect(error == .closedDuringBody)
            }
        }
    }

    @Test("a header value with a line break is refused, not sent")
    func headerInjection() async throws {
        try await StubServer.run([.json(Self.json)]) { server in
            try await withClient { client, loop in
                let target = try #require(PlainHTTPTarget(url: server.baseURL + "/x"))
                await #expect(throws: (any Error).self) {
                    _ = try await client.post(
                        to: target, headers: ["x-note": "a\r\nx-injected: 1"], body: ByteBuffer(string: "{}"))
                }
            }
            #expect(await server.requests().allSatisfy { $0.header("x-injected") == nil })
        }
    }

    @Test("connection refused is an upstream-unavailable error naming the address")
    func refused() async throws {
        let error = try await withStubModel(
            [.json(Self.json)], configure: { $0.baseURL = "http://127.0.0.1:1/v1"; $0.retries = 0 },
            transports: [.loopClient]
        ) { model, _ in
            await quorumError { _ = try await model.complete(ChatRequest(prompt: "q")) }
        }
        #expect(error?.kind == .upstreamUnavailable)
        #expect(error?.message == "could not connect to 127.0.0.1:1: Connection refused")
    }

    @Test("plain-HTTP URLs parse into address, Host header and path; others are left to AsyncHTTPClient")
    func targets() throws {
        let full = try #require(PlainHTTPTarget(url: "http://127.0.0.1:8081/v1/chat/completions?x=1#f"))
        #expect(full.host == "127.0.0.1")
        #expect(full.port == 8081)
        #expect(full.authority == "127.0.0.1:8081")
        #expect(full.path == "/v1/chat/completions?x=1")
        let bare = try #require(PlainHTTPTarget(url: "HTTP://llm.internal"))
        #expect(bare.port == 80)
        #expect(bare.path == "/")
        #expect(bare.authority == "llm.internal")
        let v6 = try #require(PlainHTTPTarget(url: "http://[::1]:9000/v1"))
        #expect(v6.host == "::1")
        #expect(v6.port == 9000)
        #expect(v6.authority == "[::1]:9000")
        #expect(PlainHTTPTarget(url: "http://[::1]/v1")?.port == 80)
        for url in ["https://api.openai.com/v1", "http://user:pw@host/v1", "http://host:0/", "http://host:99999/",
            "http://host:port/", "http:///v1", "ftp://host/", "http://[::1/"]
        {
            #expect(PlainHTTPTarget(url: url) == nil, "\(url)")
        }
    }
}
