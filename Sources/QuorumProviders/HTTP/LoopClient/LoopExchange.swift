import AsyncHTTPClient
import NIOCore
import NIOHTTP1

/// One request and its response, from the moment it is sent to the end of the body.
///
/// The caller's task waits for the head through `head`; the body goes to `body`. Everything else
/// changes only on `loop` (the connection's loop), so the state needs no lock: calls from other
/// threads (`cancel`, `resumeReading`) hop there first.
final class LoopExchange: @unchecked Sendable {
    // @unchecked: `head`, `connection`, `isDone`, `lastActivity` and `timer` are read and written
    // on `loop` only (every method but `cancel()` and `resumeReading()` runs there; those two hop
    // to it). `body` is a `Sendable` buffer of its own, and `limits` never changes.
    let loop: any EventLoop
    let body = ResponseBodyBuffer()
    private var head: CheckedContinuation<HTTPClientResponse, any Error>?
    private var connection: LoopConnection?
    /// The response ended or failed: nothing more happens to this exchange.
    private(set) var isDone = false
    private let limits: LoopHTTPClient.Limits?
    /// When bytes last arrived (or the exchange began), for the idle limit.
    private var lastActivity = NIODeadline.now()
    private var timer: Scheduled<Void>?

    init(loop: any EventLoop, limits: LoopHTTPClient.Limits?) {
        self.loop = loop
        self.limits = limits
    }

    /// Waits on `continuation` for the response head (on `loop`).
    func awaitHead(_ continuation: CheckedContinuation<HTTPClientResponse, any Error>) {
        loop.preconditionInEventLoop()
        guard !isDone else {
            continuation.resume(throwing: CancellationError())
            return
        }
        head = continuation
        armTimer()
    }

    /// The connection the request went out on (on `loop`).
    func attach(_ connection: LoopConnection) {
        self.connection = connection
    }

    func receivedHead(_ response: HTTPResponseHead) {
        lastActivity = .now()
        guard let head else { return }
        self.head = nil
        let body = HTTPClientResponse.Body.stream(LoopResponseBody(exchange: self))
        head.resume(returning: HTTPClientResponse(
            version: response.version, status: response.status, headers: response.headers, body: body))
    }

    func receivedBody(_ piece: ByteBuffer) {
        guard !isDone else { return }
        if limits?.idle != nil { lastActivity = .now() }
        body.append(piece)
    }

    func receivedEnd() {
        guard !isDone else { return }
        isDone = true
        connection = nil
        timer?.cancel()
        body.finish(.success(()))
    }

    /// Ends the exchange with `error`: the waiting caller or the body's reader gets it, and the
    /// connection, in an unknown state now, is closed.
    func fail(_ error: any Error) {
        guard !isDone else { return }
        isDone = true
        timer?.cancel()
        if let head {
            self.head = nil
            head.resume(throwing: error)
        }
        body.finish(.failure(error))
        connection?.close()
        connection = nil
    }

    /// One timer per exchange, at the earlier of the deadline and the end of the idle limit; when
    /// it fires early (bytes arrived since it was set) it is set again for the new idle end.
    private func armTimer() {
        guard let limits else { return }
        let wake = limits.idle.map { min(limits.deadline, lastActivity + $0) } ?? limits.deadline
        timer = loop.scheduleTask(deadline: wake) { [self] in
            let now = NIODeadline.now()
            if now >= limits.deadline {
                fail(limits.deadlineError)
            } else if let idle = limits.idle, now >= lastActivity + idle {
                fail(limits.silenceError)
            } else if !isDone {
                armTimer()
            }
        }
    }

    /// The caller's task was cancelled, or nobody will read the rest of the body (any thread):
    /// a connection still sending it is closed.
    func cancel() {
        onLoop { self.fail(CancellationError()) }
    }

    /// The body's reader took enough that a paused connection may read again (any thread).
    func resumeReading() {
        onLoop { self.connection?.resumeReading() }
    }

    private func onLoop(_ work: @escaping @Sendable () -> Void) {
        if loop.inEventLoop { work() } else { loop.execute(work) }
    }
}

/// A response body as an `AsyncSequence`, read from the exchange's buffer.
///
/// When the last copy of it (and of its iterator) goes away before the body ended, the
/// connection is closed: a half-read response cannot be followed by another request.
struct LoopResponseBody: AsyncSequence, Sendable {
    typealias Element = ByteBuffer

    /// Tells the exchange when nobody holds the body any more.
    final class Reader: Sendable {
        let exchange: LoopExchange
        init(exchange: LoopExchange) { self.exchange = exchange }
        deinit { exchange.cancel() }
    }

    private let reader: Reader

    init(exchange: LoopExchange) { reader = Reader(exchange: exchange) }

    struct AsyncIterator: AsyncIteratorProtocol {
        let reader: Reader

        mutating func next() async throws -> ByteBuffer? {
            let exchange = reader.exchange
            return try await exchange.body.next(resume: exchange.resumeReading, onCancel: exchange.cancel)
        }
    }

    func makeAsyncIterator() -> AsyncIterator { AsyncIterator(reader: reader) }
}
