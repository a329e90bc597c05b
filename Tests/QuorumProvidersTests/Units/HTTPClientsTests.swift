import AsyncHTTPClient
import NIOCore
import NIOPosix
import Testing
@testable import QuorumProviders

/// A call goes out through the client of the event loop it is made on.
@Suite("HTTP clients per event loop")
struct HTTPClientsTests {
    func identity(_ group: any EventLoopGroup) -> ObjectIdentifier { ObjectIdentifier(group as AnyObject) }

    @Test("on each loop the client is that loop's own; off the loops it is the shared one")
    func perLoop() async throws {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 2)
        let clients = HTTPClients.perEventLoop(of: group, configuration: .init())
        for loop in group.makeIterator() {
            let chosen = try await loop.submit { ObjectIdentifier(clients.current.eventLoopGroup as AnyObject) }.get()
            #expect(chosen == identity(loop))
        }
        #expect(clients.current === clients.shared)
        #expect(identity(clients.shared.eventLoopGroup) == identity(group))
        try await clients.shutdown()
        try await group.shutdownGracefully()
    }

    @Test("one shared client is used everywhere")
    func shared() async throws {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let client = HTTPClient(eventLoopGroup: group)
        let clients = HTTPClients(shared: client)
        let onLoop = try await group.next().submit { clients.current === client }.get()
        #expect(onLoop)
        #expect(clients.current === client)
        try await client.shutdown()
        try await group.shutdownGracefully()
    }
}
