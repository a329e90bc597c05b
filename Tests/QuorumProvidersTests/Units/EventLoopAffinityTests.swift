import NIOCore
import NIOPosix
import Testing
import QuorumProviders

/// A handler keeps to the event loop its request arrived on, whatever resumes it.
@Suite("Event-loop affinity")
struct EventLoopAffinityTests {
    @Test("after awaiting work finished on another loop, the handler continues on its own loop")
    func staysOnLoop() async throws {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 2)
        let loops = Array(group.makeIterator())
        let (home, other) = (loops[0], loops[1])
        let stayed = try await EventLoopAffinity.run(on: home) {
            var stayed = home.inEventLoop
            for _ in 0..<5 {
                _ = try await other.submit { 1 }.get()  // resumed from `other`'s thread
                stayed = stayed && home.inEventLoop
            }
            return stayed
        }
        #expect(stayed)
        #expect(LoopTaskExecutor.for(home) === LoopTaskExecutor.for(home))
        #expect(LoopTaskExecutor.for(home) !== LoopTaskExecutor.for(other))
        try await group.shutdownGracefully()
    }

    @Test("off the event loops it runs the body as it is")
    func offLoop() async throws {
        let value = try await EventLoopAffinity.run { MultiThreadedEventLoopGroup.currentEventLoop == nil ? 42 : 0 }
        #expect(value == 42)
    }
}
