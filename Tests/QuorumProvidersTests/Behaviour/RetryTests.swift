import Foundation
import QuorumCore
import QuorumProviders
import QuorumTesting
import Testing

@Suite("Retries")
struct RetryTests {
    @Test("a 429 with Retry-After in seconds is retried after at least that long")
    func retryAfterSeconds() async throws {
        let limited = StubResponse.json(
            #"{"error":{"message":"Rate limit reached","type":"requests","code":"rate_limit_exceeded"}}"#,
            status: .tooManyRequests, headers: [("retry-after", "1")])
        try await withStubModel([limited, .json(openAIBody("ok"))]) { model, server in
            let started = ContinuousClock.now
            let completion = try await model.complete(ChatRequest(prompt: "q"))
            #expect(completion.attempts == 2)
            let requests = await server.requests()
            #expect(requests.count == 2)
            #expect(requests[1].receivedAt - requests[0].receivedAt >= .milliseconds(990))
            #expect(ContinuousClock.now - started >= .milliseconds(990))
        }
    }

    @Test("a 429 with an HTTP-date Retry-After is honoured")
    func retryAfterDate() async throws {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        let date = formatter.string(from: Date().addingTimeInterval(3))
        let limited = StubResponse.json(#"{"error":{"message":"slow down"}}"#, status: .tooManyRequests, headers: [("retry-after", date)])
        let notBefore = try #require(formatter.date(from: date))
        try await withStubModel([limited, .json(openAIBody("ok"))]) { model, server in
            let completion = try await model.complete(ChatRequest(prompt: "q"))
            #expect(completion.attempts == 2)
            // The retry waits until the date the header names, however late the first request
            // arrived (a wall-clock bound, so a slow machine cannot fail it).
            #expect(Date() >= notBefore)
            #expect(await server.requests().count == 2)
        }
    }

    @Test("x-ratelimit-reset-requests sets the wait when there is no Retry-After")
    func rateLimitResetHeader() async throws {
        let limited = StubResponse.json(
            #"{"error":{"message":"Rate limit reached"}}"#, status: .tooManyRequests,
            headers: [("x-ratelimit-reset-requests", "400ms"), ("x-ratelimit-reset-tokens", "0.2s")])
        try await withStubModel([limited, .json(openAIBody("ok"))]) { model, server in
            _ = try await model.complete(ChatRequest(prompt: "q"))
            let requests = await server.requests()
            #expect(requests[1].receivedAt - requests[0].receivedAt >= .milliseconds(390))
        }
    }

    @Test("server errors are retried with backoff and the attempts are counted", arguments: [500, 502, 503, 504, 408, 409, 529])
    func serverErrorsRetried(status: Int) async throws {
        let failing = StubResponse.json(#"{"error":{"message":"boom"}}"#, status: .init(statusCode: status))
        try await withStubModel([failing, failing, .json(openAIBody("ok"))]) { model, server in
            let completion = try await model.complete(ChatRequest(prompt: "q"))
            #expect(completion.attempts == 3)
            #expect(await server.requests().count == 3)
        }
    }

    @Test("client errors are never retried", arguments: [400, 401, 403, 404, 422])
    func clientErrorsNotRetried(status: Int) async throws {
        let failing = StubResponse.json(#"{"error":{"message":"no"}}"#, status: .init(statusCode: status))
        try await withStubModel([failing, .json(openAIBody("ok"))]) { model, server in
            let error = await quorumError { _ = try await model.complete(ChatRequest(prompt: "q")) }
            #expect(error?.httpStatus == status)
            #expect(error?.context["attempts"] == "1")
            #expect(await server.requests().count == 1)
        }
    }

    @Test("when attempts run out the last error is thrown with the attempt count")
    func attemptsExhausted() async throws {
        let failing = StubResponse.json(#"{"error":{"message":"overloaded"}}"#, status: .serviceUnavailable)
        try await withStubModel([failing], configure: { $0.retries = 3 }) { model, server in
            let error = await quorumError { _ = try await model.complete(ChatRequest(prompt: "q")) }
            #expect(error?.kind == .upstreamUnavailable)
            #expect(error?.context["attempts"] == "4")
            #expect(await server.requests().count == 4)
        }
    }

    @Test("malformed JSON in a 200 is a malformed-response error, not retried")
    func malformedJSON() async throws {
        try await withStubModel([.json(#"{"choices": [ {"#)]) { model, server in
            let error = await quorumError { _ = try await model.complete(ChatRequest(prompt: "q")) }
            #expect(error?.kind == .malformedResponse)
            #expect(await server.requests().count == 1)
        }
    }

    @Test("a refused connection is retried, then reported as a retryable failure")
    func connectionRefused() async throws {
        // AsyncHTTPClient keeps re-dialling a refused port until the deadline, so keep it short.
        try await withStubModel([.json(openAIBody("ok"))], configure: {
            $0.baseURL = "http://127.0.0.1:1/v1"
            $0.timeout = ConfigDuration(seconds: 0.3)
        }) { model, _ in
            let error = await quorumError { _ = try await model.complete(ChatRequest(prompt: "q")) }
            #expect(error?.kind == .upstreamUnavailable || error?.kind == .timeout)
            #expect(error?.context["attempts"] == "3")
        }
    }

    @Test("the backoff draws full jitter below an exponentially growing ceiling")
    func backoff() {
        let policy = RetryPolicy(maxAttempts: 10, baseDelay: 1, maxDelay: 8)
        let error = QuorumError(.upstreamUnavailable, "x")
        for attempt in 1...6 {
            let ceiling = min(8.0, Double(1 << (attempt - 1)))
            let delays = (0..<200).map { _ in policy.delay(after: attempt, error: error) }
            #expect(delays.allSatisfy { $0 >= 0 && $0 <= ceiling })
            #expect(delays.max()! > ceiling / 2)  // spread over the range, not pinned to a point
        }
        #expect(policy.delay(after: 1, error: QuorumError(.rateLimited, "x", retryAfter: 3)) == 3)
        #expect(policy.delay(after: 1, error: QuorumError(.rateLimited, "x", retryAfter: 3_600)) == 8)
    }
}
