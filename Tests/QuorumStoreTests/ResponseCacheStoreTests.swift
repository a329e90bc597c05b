import Foundation
import QuorumCore
import QuorumOrchestration
import QuorumTesting
import Testing

@testable import QuorumStore

/// The SQLite store's response cache table: a TTL and a size bound, with times passed in (no waiting).
@Suite("Store: response cache")
struct ResponseCacheStoreTests {
    let start = Date(timeIntervalSince1970: 1_800_000_000)

    func answer(_ text: String) -> CachedResponse {
        CachedResponse(text: text, usage: Usage(promptTokens: 10, completionTokens: 5), cost: USD(string: "0.00002")!)
    }

    @Test("an answer is found until its expiry and not at or after it")
    func expires() async throws {
        let temporary = try TemporaryStore()
        let store = temporary.store
        try await store.saveCachedResponse(
            answer("42"), key: "k", scope: "m", at: start, expiry: start.addingTimeInterval(60), maxEntries: 10)
        #expect(try await store.cachedResponse(key: "k", at: start.addingTimeInterval(59))?.text == "42")
        #expect(try await store.cachedResponse(key: "k", at: start.addingTimeInterval(60)) == nil)
        #expect(try await store.cachedResponse(key: "other", at: start) == nil)
    }

    @Test("past max entries the oldest answers of the same scope are evicted, other scopes kept")
    func sizeBound() async throws {
        let temporary = try TemporaryStore()
        let store = temporary.store
        let expiry = start.addingTimeInterval(3600)
        try await store.saveCachedResponse(answer("x"), key: "other", scope: "n", at: start, expiry: expiry, maxEntries: 1)
        for index in 0..<5 {
            try await store.saveCachedResponse(
                answer("\(index)"), key: "k\(index)", scope: "m", at: start.addingTimeInterval(Double(index)), expiry: expiry,
                maxEntries: 3)
        }
        let now = start.addingTimeInterval(10)
        for index in 0..<2 { #expect(try await store.cachedResponse(key: "k\(index)", at: now) == nil) }
        for index in 2..<5 { #expect(try await store.cachedResponse(key: "k\(index)", at: now)?.text == "\(index)") }
        #expect(try await store.cachedResponse(key: "other", at: now)?.text == "x")
        #expect(try await store.cachedResponseCount() == 4)
    }

    @Test("saving drops expired answers and replaces an answer saved again under its key")
    func replacesAndPrunes() async throws {
        let temporary = try TemporaryStore()
        let store = temporary.store
        try await store.saveCachedResponse(answer("old"), key: "a", scope: "m", at: start, expiry: start.addingTimeInterval(5), maxEntries: 10)
        try await store.saveCachedResponse(answer("1"), key: "b", scope: "m", at: start, expiry: start.addingTimeInterval(100), maxEntries: 10)
        let later = start.addingTimeInterval(10)
        try await store.saveCachedResponse(answer("2"), key: "b", scope: "m", at: later, expiry: later.addingTimeInterval(100), maxEntries: 10)
        #expect(try await store.cachedResponseCount() == 1)
        #expect(try await store.cachedResponse(key: "b", at: later)?.text == "2")
    }

    @Test("a system's whole answer with its trace reads back equal")
    func systemAnswer() async throws {
        let temporary = try TemporaryStore()
        let call = CallRecord(key: "level-1/answer", model: "small", role: .answer, messages: [.user("q")], response: "a",
            cost: USD(string: "0.5")!)
        let trace = TraceNode(kind: .system, label: "ladder", children: [TraceNode(kind: .call, label: "small", call: call)])
        let cached = CachedResponse(text: "a", cost: USD(string: "0.5")!, trace: trace, level: 1, resolved: true)
        try await temporary.store.saveCachedResponse(
            cached, key: "k", scope: "ladder", at: start, expiry: start.addingTimeInterval(60), maxEntries: 10)
        var expected = cached
        expected.expiry = start.addingTimeInterval(60)
        #expect(try await temporary.store.cachedResponse(key: "k", at: start) == expected)
    }

    @Test("stats count answers, expired ones and bytes per scope; clear deletes by scope, by expiry or all")
    func administration() async throws {
        let temporary = try TemporaryStore()
        let store = temporary.store
        for (key, scope, ttl) in [("a", "m", 10.0), ("b", "m", 100.0), ("c", "n", 10.0)] {
            try await store.saveCachedResponse(
                answer(key), key: key, scope: scope, at: start, expiry: start.addingTimeInterval(ttl), maxEntries: 10)
        }
        let later = start.addingTimeInterval(50)
        let statistics = try await store.cacheStatistics(at: later)
        #expect(statistics.map(\.scope) == ["m", "n"])
        #expect(statistics.map(\.entries) == [2, 1])
        #expect(statistics.map(\.expired) == [1, 1])
        #expect(statistics.allSatisfy { $0.bytes > 0 && $0.oldest == start && $0.newest == start })

        #expect(try await store.clearCachedResponses(scope: "m", expiredAt: later) == 1)
        #expect(try await store.cachedResponse(key: "b", at: later)?.text == "b")
        #expect(try await store.clearCachedResponses(scope: "n", expiredAt: nil) == 1)
        #expect(try await store.cacheStatistics(at: later).map(\.scope) == ["m"])
        #expect(try await store.clearCachedResponses(scope: nil, expiredAt: nil) == 1)
        #expect(try await store.cacheStatistics(at: later).isEmpty)
    }
}
