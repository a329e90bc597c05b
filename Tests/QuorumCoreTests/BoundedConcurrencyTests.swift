import QuorumCore
import Synchronization
import Testing

@Suite("BoundedConcurrency")
struct BoundedConcurrencyTests {
    /// Counts the work in flight and the most seen at once.
    final class Gauge: Sendable {
        private let state = Mutex((now: 0, most: 0))
        func enter() { state.withLock { $0.now += 1; $0.most = max($0.most, $0.now) } }
        func leave() { state.withLock { $0.now -= 1 } }
        var most: Int { state.withLock { $0.most } }
    }

    @Test("never more than the limit at once; every admitted element is collected once; refused ones never start")
    func limitAndAdmit() async throws {
        let gauge = Gauge()
        var collected: [Int] = []
        try await BoundedConcurrency.forEach(1...40, limit: 3, admit: { $0 % 4 != 0 }) { value in
            gauge.enter()
            try await Task.sleep(for: .milliseconds(2))
            gauge.leave()
            return value * 10
        } collect: { collected.append($0) }
        #expect(gauge.most == 3)
        #expect(collected.sorted() == (1...40).filter { $0 % 4 != 0 }.map { $0 * 10 })
    }

    @Test("abandoning cancels the work in flight, starts nothing more, and still collects what it returns")
    func abandon() async throws {
        let abandoned = Mutex(false)
        var abandonCalls = 0
        var results: [Bool] = []
        try await BoundedConcurrency.forEach(
            1...100, limit: 2, admit: { _ in !abandoned.withLock { $0 } }, abandon: { abandoned.withLock { $0 } },
            onAbandon: { abandonCalls += 1 }
        ) { value in
            if value == 2 { abandoned.withLock { $0 = true } }
            // Long work that only cancellation ends early.
            try? await Task.sleep(for: .seconds(30))
            return Task.isCancelled
        } collect: { results.append($0) }
        #expect(abandonCalls == 1)
        #expect(results == [true, true])
    }

    @Test("a throwing element ends the loop with its error")
    func throwing() async {
        struct Boom: Error {}
        await #expect(throws: Boom.self) {
            try await BoundedConcurrency.forEach(1...10, limit: 2) { value in
                if value == 3 { throw Boom() }
                return value
            }
        }
    }
}
