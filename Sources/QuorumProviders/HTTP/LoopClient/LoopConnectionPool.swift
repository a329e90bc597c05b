import NIOCore
import NIOHTTP1
import NIOPosix

/// The idle keep-alive connections of one event loop, by host and port.
///
/// Every connection lives on the pool's loop, and the pool is only touched there, so a request
/// made on that loop finds, uses and returns a connection without a lock or a thread hop.
final class LoopConnectionPool: @unchecked Sendable {
    // @unchecked: `idle`, `sweeper` and `isShutDown` are read and written on `loop` only; every
    // method asserts it (the client hops to the loop before calling in).
    let loop: any EventLoop
    private let settings: LoopHTTPClient.Settings
    private var idle: [String: [LoopConnection]] = [:]
    private var sweeper: RepeatedTask?
    private var isShutDown = false

    init(loop: any EventLoop, settings: LoopHTTPClient.Settings) {
        self.loop = loop
        self.settings = settings
    }

    /// Sends the request on an idle connection to `target`, or on a new one.
    func send(_ head: HTTPRequestHead, body: ByteBuffer, to target: PlainHTTPTarget, for exchange: LoopExchange) {
        loop.preconditionInEventLoop()
        guard !isShutDown else { return exchange.fail(LoopHTTPError.shutDown) }
        guard !exchange.isDone else { return }
        if let connection = takeIdle(target.address) {
            return connection.send(head, body: body, for: exchange)
        }
        connect(to: target).whenComplete { result in
            switch result {
            case .success(let connection):
                guard !exchange.isDone else { return self.release(connection) }
                connection.send(head, body: body, for: exchange)
            case .failure(let error):
                exchange.fail(error)
            }
        }
    }

    /// Takes back a connection whose response ended with the connection kept open.
    func release(_ connection: LoopConnection) {
        loop.preconditionInEventLoop()
        guard !isShutDown, connection.isUsable, idle[connection.address, default: []].count < settings.maxIdlePerHost
        else { return connection.close() }
        connection.idleSince = .now()
        idle[connection.address, default: []].append(connection)
        startSweeping()
    }

    /// Drops a connection that closed.
    func forget(_ connection: LoopConnection) {
        loop.preconditionInEventLoop()
        idle[connection.address]?.removeAll { $0 === connection }
    }

    /// Closes every idle connection and refuses new requests.
    func shutdown() {
        loop.preconditionInEventLoop()
        isShutDown = true
        sweeper?.cancel()
        sweeper = nil
        let connections = idle.values.joined()
        idle = [:]
        for connection in connections { connection.close() }
    }

    /// The most recently used idle connection (the one most likely still open on the server's side).
    private func takeIdle(_ address: String) -> LoopConnection? {
        while let connection = idle[address]?.popLast() {
            if connection.isUsable { return connection }
            connection.close()
        }
        return nil
    }

    private func connect(to target: PlainHTTPTarget) -> EventLoopFuture<LoopConnection> {
        let connection = NIOLoopBound(LoopConnection(address: target.address, pool: self), eventLoop: loop)
        return ClientBootstrap(group: loop)
            .connectTimeout(settings.connectTimeout)
            .channelOption(.socketOption(.tcp_nodelay), value: 1)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHTTPClientHandlers()
                    try channel.pipeline.syncOperations.addHandler(connection.value)
                }
            }
            .connect(host: target.host, port: target.port)
            .map { _ in connection.value }
    }

    /// Closes connections idle for longer than the idle timeout, every half of it, while any are idle.
    private func startSweeping() {
        guard sweeper == nil else { return }
        let period = TimeAmount.nanoseconds(max(settings.idleTimeout.nanoseconds / 2, 1_000_000))
        sweeper = loop.scheduleRepeatedTask(initialDelay: period, delay: period) { [self] task in
            let cutoff = NIODeadline.now() - settings.idleTimeout
            for (address, connections) in idle {
                let (stale, fresh) = (connections.filter { $0.idleSince <= cutoff }, connections.filter { $0.idleSince > cutoff })
                idle[address] = fresh.isEmpty ? nil : fresh
                for connection in stale { connection.close() }
            }
            if idle.isEmpty {
                task.cancel()
                sweeper = nil
            }
        }
    }
}
