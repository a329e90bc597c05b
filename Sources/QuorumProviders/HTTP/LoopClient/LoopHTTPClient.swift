import AsyncHTTPClient
import NIOCore
import NIOHTTP1
import NIOPosix
import Synchronization

/// A lean HTTP/1.1 client for plain-HTTP upstreams (a local llama.cpp, vLLM or Ollama, a sidecar
/// gateway), used by `quorum serve` in place of AsyncHTTPClient for `http://` URLs.
///
/// A request made on one of the group's event loops goes out over a keep-alive connection owned
/// by that loop, and its response comes back on it: no thread hop, no lock on the connection
/// pool, and the request leaves in one write. That is most of what a passthrough request costs
/// in AsyncHTTPClient (about a third of the gateway's CPU at 64 connections, by profile), whose
/// generality (TLS, HTTP/2, redirects, proxies) a plain loopback or LAN call does not need.
///
/// Time limits are the exchange's own (`Limits`, one loop timer), and cancelling the calling
/// task fails the request too; either way the connection, in an unknown state, is closed.
public final class LoopHTTPClient: Sendable {
    public struct Settings: Sendable {
        /// How long a connect may take.
        public var connectTimeout: TimeAmount
        /// How long a connection may stay idle before it is closed.
        public var idleTimeout: TimeAmount
        /// The most idle connections kept per host and port on each loop.
        public var maxIdlePerHost: Int

        public init(connectTimeout: TimeAmount = .seconds(10), idleTimeout: TimeAmount = .seconds(60), maxIdlePerHost: Int = 512) {
            self.connectTimeout = connectTimeout
            self.idleTimeout = idleTimeout
            self.maxIdlePerHost = maxIdlePerHost
        }
    }

    /// Time limits of one exchange, enforced by a timer on its loop: cheaper than a watchdog task.
    struct Limits: Sendable {
        /// When the whole response must have arrived.
        var deadline: NIODeadline
        /// The longest silence allowed, from the request on (`nil`: no limit).
        var idle: TimeAmount?
        /// What the caller gets when the deadline passes, and when the silence was too long.
        var deadlineError: any Error = LoopHTTPError.deadlinePassed
        var silenceError: any Error = LoopHTTPError.silent
    }

    private let pools: [ObjectIdentifier: LoopConnectionPool]
    private let loops: [any EventLoop]
    private let nextLoop = Atomic<Int>(0)

    public init(group: MultiThreadedEventLoopGroup = .singleton, settings: Settings = Settings()) {
        loops = Array(group.makeIterator())
        var pools: [ObjectIdentifier: LoopConnectionPool] = [:]
        for loop in loops { pools[ObjectIdentifier(loop)] = LoopConnectionPool(loop: loop, settings: settings) }
        self.pools = pools
    }

    /// POSTs `body` to `target` with `headers` (`Host` and `Content-Length` are set here); returns
    /// once the response head has arrived, with the body still to read. Past `limits`, the
    /// exchange fails with the limit's error, whether the caller is
    /// waiting for the head or reading the body.
    func post(
        to target: PlainHTTPTarget, headers: HTTPHeaders, body: ByteBuffer, limits: Limits? = nil
    ) async throws -> HTTPClientResponse {
        try Task.checkCancellation()
        let pool = pool(for: MultiThreadedEventLoopGroup.currentEventLoop)
        let loop = pool.loop
        var requestHeaders = headers
        requestHeaders.replaceOrAdd(name: "host", value: target.authority)
        requestHeaders.replaceOrAdd(name: "content-length", value: String(body.readableBytes))
        let head = HTTPRequestHead(version: .http1_1, method: .POST, uri: target.path, headers: requestHeaders)
        let exchange = LoopExchange(loop: loop, limits: limits)
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                if loop.inEventLoop {
                    exchange.awaitHead(continuation)
                    pool.send(head, body: body, to: target, for: exchange)
                } else {
                    loop.execute {
                        exchange.awaitHead(continuation)
                        pool.send(head, body: body, to: target, for: exchange)
                    }
                }
            }
        } onCancel: {
            exchange.cancel()
        }
    }

    /// Closes every idle connection; requests after this fail.
    public func shutdown() async {
        for pool in pools.values {
            try? await pool.loop.submit { pool.shutdown() }.get()
        }
    }

    /// The pool of the caller's loop when it runs on one of ours, else the next in turn.
    private func pool(for current: (any EventLoop)?) -> LoopConnectionPool {
        if let current, let pool = pools[ObjectIdentifier(current)] { return pool }
        let index = nextLoop.wrappingAdd(1, ordering: .relaxed).oldValue
        return pools[ObjectIdentifier(loops[index % loops.count])]!
    }
}
