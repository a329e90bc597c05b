import NIOCore
import NIOHTTP1

/// One keep-alive HTTP/1.1 connection of a `LoopConnectionPool`, as the last handler of its
/// channel's pipeline (after NIO's request encoder and response decoder).
///
/// It carries one exchange at a time. The request goes out in one flush, so head and body leave
/// in a single system call (AsyncHTTPClient flushes the head on its own: one more write, and one
/// more wake-up of the server). When the response ends and the server keeps the connection
/// open, it goes back to its pool. Everything here runs on the channel's event loop.
final class LoopConnection: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPClientResponsePart
    typealias OutboundIn = HTTPClientRequestPart
    typealias OutboundOut = HTTPClientRequestPart

    /// The pool key: host and port.
    let address: String
    /// When it last went idle (for the pool's idle timeout).
    var idleSince = NIODeadline.now()
    private let pool: LoopConnectionPool
    private var context: ChannelHandlerContext?
    private var exchange: LoopExchange?
    private var gotHead = false
    private var keepAlive = true
    /// A read the body buffer held back because it was full.
    private var heldRead = false

    init(address: String, pool: LoopConnectionPool) {
        self.address = address
        self.pool = pool
    }

    /// Whether the channel is open and free for a request.
    var isUsable: Bool { exchange == nil && keepAlive && (context?.channel.isActive ?? false) }

    /// Sends `head` and `body` as one write; the response goes to `exchange`.
    func send(_ head: HTTPRequestHead, body: ByteBuffer, for exchange: LoopExchange) {
        guard let context else {
            exchange.fail(LoopHTTPError.closedBeforeResponse)
            return
        }
        self.exchange = exchange
        gotHead = false
        exchange.attach(self)
        context.write(wrapOutboundOut(.head(head)), promise: nil)
        context.write(wrapOutboundOut(.body(.byteBuffer(body))), promise: nil)
        context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
    }

    func close() {
        context?.close(promise: nil)
    }

    /// Reads again after the body's reader made room.
    func resumeReading() {
        guard heldRead, let context else { return }
        heldRead = false
        context.read()
    }

    // MARK: Channel events

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        self.context = nil
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            // 1xx heads (100 Continue, 103 Early Hints) come before the real one.
            guard head.status.code >= 200 || head.status == .switchingProtocols else { return }
            gotHead = true
            keepAlive = head.isKeepAlive
            exchange?.receivedHead(head)
        case .body(let piece):
            exchange?.receivedBody(piece)
        case .end:
            let finished = exchange
            exchange = nil
            finished?.receivedEnd()
            if keepAlive, finished != nil {
                pool.release(self)
            } else {
                context.close(promise: nil)
            }
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        keepAlive = false
        if let exchange {
            self.exchange = nil
            exchange.fail(gotHead ? LoopHTTPError.closedDuringBody : LoopHTTPError.closedBeforeResponse)
        }
        pool.forget(self)
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        keepAlive = false
        if let exchange {
            self.exchange = nil
            // The decoder's word for a connection that closed before the response was whole.
            let closed = (error as? HTTPParserError) == .invalidEOFState
            exchange.fail(closed ? (gotHead ? LoopHTTPError.closedDuringBody : LoopHTTPError.closedBeforeResponse) : error)
        }
        context.close(promise: nil)
    }

    /// Holds reads back while the body buffer is full, so a slow reader slows the server down.
    func read(context: ChannelHandlerContext) {
        if let exchange, exchange.body.pauseIfFull() {
            heldRead = true
        } else {
            context.read()
        }
    }
}
