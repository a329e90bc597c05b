import QuorumCore
import QuorumProviders
import QuorumTesting
import Testing

@Suite("Process-wide limits")
struct LimiterTests {
    @Test("max_concurrency caps requests in flight across concurrent callers")
    func maxInFlight() async throws {
        let slow = StubResponse.json(openAIBody("ok"), headDelay: .milliseconds(200))
        try await withStubModel([slow], configure: { $0.maxConcurrency = 2 }) { model, server in
            let started = ContinuousClock.now
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<6 { group.addTask { _ = try await model.complete(ChatRequest(prompt: "q")) } }
                try await group.waitForAll()
            }
            // 6 calls, 2 at a time, 200 ms each: three waves
            #expect(ContinuousClock.now - started >= .milliseconds(590))
            let arrivals = await server.requests().map(\.receivedAt).sorted()
            #expect(arrivals.count == 6)
            #expect(arrivals[2] - arrivals[0] >= .milliseconds(190))
            #expect(arrivals[4] - arrivals[2] >= .milliseconds(190))
        }
    }

    @Test("a limiter waits when the requests-per-minute bucket is empty")
    func requestsPerMinute() async throws {
        let limiter = ModelLimiter(rpm: 600)  // 10 per second, 600 burst
        for _ in 0..<600 { let permit = try await limiter.acquire(estimatedTokens: 1); limiter.release(permit, actualTokens: 1) }
        let started = ContinuousClock.now
        let permit = try await limiter.acquire(estimatedTokens: 1)
        limiter.release(permit, actualTokens: 1)
        #expect(ContinuousClock.now - started >= .milliseconds(80))
    }

    @Test("a limiter charges the real token count and makes the next caller wait")
    func tokensPerMinute() async throws {
        let limiter = ModelLimiter(tpm: 6_000)  // 100 tokens per second
        let first = try await limiter.acquire(estimatedTokens: 100)
        limiter.release(first, actualTokens: 6_000)  // used far more than estimated
        let started = ContinuousClock.now
        let second = try await limiter.acquire(estimatedTokens: 20)
        limiter.release(second, actualTokens: 20)
        #expect(ContinuousClock.now - started >= .milliseconds(150))
    }

    @Test("a caller waiting for a slot can be cancelled")
    func cancelWaiting() async throws {
        let limiter = ModelLimiter(maxInFlight: 1)
        let held = try await limiter.acquire(estimatedTokens: 1)
        let waiter = Task { try await limiter.acquire(estimatedTokens: 1) }
        try await Task.sleep(for: .milliseconds(50))
        waiter.cancel()
        await #expect(throws: CancellationError.self) { _ = try await waiter.value }
        limiter.release(held, actualTokens: nil)
        #expect(limiter.running == 0)
    }
}
