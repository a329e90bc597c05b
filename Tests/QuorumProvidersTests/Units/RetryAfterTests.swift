import Foundation
import NIOHTTP1
import Testing

@testable import QuorumProviders

@Suite("Retry-After and rate-limit reset headers")
struct RetryAfterTests {
    @Test("Retry-After in seconds, in milliseconds and as an HTTP date")
    func retryAfter() {
        #expect(RetryAfter.seconds(in: ["retry-after": "7"]) == 7)
        #expect(RetryAfter.seconds(in: ["retry-after-ms": "250"]) == 0.25)
        let now = Date(timeIntervalSince1970: 1_445_412_470)  // 21 Oct 2015 07:27:50 GMT
        #expect(RetryAfter.seconds(in: ["retry-after": "Wed, 21 Oct 2015 07:28:00 GMT"], now: now) == 10)
        #expect(RetryAfter.seconds(in: ["retry-after": "Wed, 21 Oct 2015 07:27:00 GMT"], now: now) == 0)
        #expect(RetryAfter.seconds(in: [:]) == nil)
    }

    @Test("x-ratelimit-reset-* Go durations", arguments: [("1s", 1.0), ("6m0s", 360.0), ("2m59.5s", 179.5), ("20ms", 0.02), ("1h2m", 3720.0), ("3", 3.0)])
    func resetHeaders(value: String, seconds: Double) {
        #expect(abs(RetryAfter.seconds(in: ["x-ratelimit-reset-requests": value])! - seconds) < 1e-9)
    }

    @Test("the longer of the requests and tokens reset wins")
    func longest() {
        #expect(RetryAfter.seconds(in: ["x-ratelimit-reset-requests": "1s", "x-ratelimit-reset-tokens": "5s"]) == 5)
    }
}
