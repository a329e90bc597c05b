import NIOCore
import NIOHTTP1

/// Answers each request of one connection from the script, with the scripted delays and cuts.
///
/// A classic channel handler rather than an `NIOAsyncChannel`: a stub must survive being torn
/// down mid-response (that is what the fault tests do), and it is the fastest server NIO offers
/// for the benchmark.
final class StubHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private let script: StubScript
    private let fixed: StubResponse?
    private var head: HTTPRequestHead?
    private var body = ByteBuffer()

    init(script: StubScript, fixed: StubResponse?) {
        self.script = script
        self.fixed = fixed
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let requestHead):
            head = requestHead
            body.clear()
        case .body(var piece):
            body.writeBuffer(&piece)
        case .end:
            guard let head else { return }
            if let fixed {
                respond(fixed, context: context)
                return
            }
            let request = StubRequest(
                method: head.method.rawValue, uri: head.uri, headers: head.headers.map { ($0.name, $0.value) },
                body: String(buffer: body), receivedAt: .now, connection: context.channel.remoteAddress?.port ?? 0)
            let loop = context.eventLoop
            let bound = NIOLoopBound((self, context), eventLoop: loop)
            let script = script
            loop.makeFutureWithTask { await script.next(recording: request) }.whenSuccess { response in
                let (handler, context) = bound.value
                handler.respond(response, context: context)
            }
        }
    }

    private func respond(_ response: StubResponse, context: ChannelHandlerContext) {
        let streamed = response.chunks.count > 1 || response.cutAfter != nil || response.chunkDelay > .zero
        var headers = HTTPHeaders(response.headers)
        if streamed {
            headers.add(name: "transfer-encoding", value: "chunked")
        } else {
            headers.add(name: "content-length", value: String(response.chunks.first?.utf8.count ?? 0))
        }
        let head = HTTPResponseHead(version: .http1_1, status: response.status, headers: headers)
        after(response.headDelay, context: context) { handler, context in
            // Streams send their head at once, as real SSE servers do; whole bodies go out in one write.
            if streamed {
                context.writeAndFlush(handler.wrapOutboundOut(.head(head)), promise: nil)
            } else {
                context.write(handler.wrapOutboundOut(.head(head)), promise: nil)
            }
            handler.writeChunk(0, of: response, context: context)
        }
    }

    private func writeChunk(_ index: Int, of response: StubResponse, context: ChannelHandlerContext) {
        if let cut = response.cutAfter, index >= cut {
            context.flush()
            context.close(promise: nil)
            return
        }
        guard index < response.chunks.count else {
            context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
            return
        }
        after(response.chunkDelay, context: context) { handler, context in
            let buffer = context.channel.allocator.buffer(string: response.chunks[index])
            context.writeAndFlush(handler.wrapOutboundOut(.body(.byteBuffer(buffer))), promise: nil)
            handler.writeChunk(index + 1, of: response, context: context)
        }
    }

    /// Runs `action` on the event loop after `delay` (at once when zero), unless the channel closed.
    private func after(
        _ delay: Duration, context: ChannelHandlerContext, _ action: @escaping (StubHandler, ChannelHandlerContext) -> Void
    ) {
        guard delay > .zero else {
            action(self, context)
            return
        }
        let loop = context.eventLoop
        let bound = NIOLoopBound((self, context, action), eventLoop: loop)
        let nanoseconds = delay.components.seconds * 1_000_000_000 + delay.components.attoseconds / 1_000_000_000
        loop.scheduleTask(in: .nanoseconds(nanoseconds)) {
            let (handler, context, action) = bound.value
            guard context.channel.isActive else { return }
            action(handler, context)
        }
    }
}
