import NIOHTTP1

/// One scripted answer of a `StubServer`: status, headers, body pieces and the faults to inject.
public struct StubResponse: Sendable {
    public var status: HTTPResponseStatus
    public var headers: [(String, String)]
    /// Body pieces, written one by one (a stream's events, or one JSON document).
    public var chunks: [String]
    /// Wait before sending the response head (a slow first byte).
    public var headDelay: Duration
    /// Wait before each body piece.
    public var chunkDelay: Duration
    /// Close the connection after this many pieces without finishing the body (a cut stream).
    public var cutAfter: Int?

    public init(
        status: HTTPResponseStatus = .ok, headers: [(String, String)] = [], chunks: [String], headDelay: Duration = .zero,
        chunkDelay: Duration = .zero, cutAfter: Int? = nil
    ) {
        self.status = status
        self.headers = headers
        self.chunks = chunks
        self.headDelay = headDelay
        self.chunkDelay = chunkDelay
        self.cutAfter = cutAfter
    }

    /// A JSON body.
    public static func json(
        _ body: String, status: HTTPResponseStatus = .ok, headers: [(String, String)] = [], headDelay: Duration = .zero
    ) -> StubResponse {
        StubResponse(
            status: status, headers: [("content-type", "application/json")] + headers, chunks: [body],
            headDelay: headDelay)
    }

    /// A `text/event-stream` body: each element is one event's text, written as its own chunk.
    public static func sse(
        _ events: [String], headers: [(String, String)] = [], chunkDelay: Duration = .zero, cutAfter: Int? = nil
    ) -> StubResponse {
        StubResponse(
            headers: [("content-type", "text/event-stream")] + headers, chunks: events, chunkDelay: chunkDelay,
            cutAfter: cutAfter)
    }

    /// `data: <json>\n\n` for each payload, OpenAI style.
    public static func dataEvents(_ payloads: [String]) -> [String] {
        payloads.map { "data: \($0)\n\n" }
    }
}

/// A request a `StubServer` received.
public struct StubRequest: Sendable {
    public var method: String
    public var uri: String
    public var headers: [(String, String)]
    public var body: String
    public var receivedAt: ContinuousClock.Instant
    /// The client's port: requests with the same one came over the same connection.
    public var connection: Int

    /// The first header named `name` (case-insensitive).
    public func header(_ name: String) -> String? {
        headers.first { $0.0.lowercased() == name.lowercased() }?.1
    }
}
