import Foundation
import QuorumCore
import QuorumOrchestration
import Synchronization
import Testing

/// A store that counts its reads, over memory: stands in for a database.
final class CountingCacheStore: ResponseCacheStore {
    let base = MemoryResponseCacheStore()
    private let counts = Mutex(0)
    var reads: Int { counts.withLock { $0 } }

    func cachedResponse(key: String, at now: Date) async throws -> CachedResponse? {
        counts.withLock { $0 += 1 }
        return try await base.cachedResponse(key: key, at: now)
    }

    func saveCachedResponse(
        _ response: CachedResponse, key: String, scope: String, at now: Date, expiry: Date, maxEntries: Int
    ) async throws {
        try await base.saveCachedResponse(response, key: key, scope: scope, at: now, expiry: expiry, maxEntries: maxEntries)
    }
}

@Suite("Response cache: memory and the front before a store")
struct ResponseCacheStoreFrontTests {
    let start = Date(timeIntervalSince1970: 1_800_000_000)

    @Test("memory keeps the newest max entries per scope, replaces a key saved again, and expires answers")
    func memoryBounds() async throws {
        let memory = MemoryResponseCacheStore()
        let expiry = start.addingTimeInterval(60)
        try await memory.saveCachedResponse(CachedResponse(text: "x"), key: "other", scope: "n", at: start, expiry: expiry, maxEntries: 1)
        for index in 0..<5 {
            try await memory.saveCachedResponse(
                CachedResponse(text: "\(index)"), key: "k\(index)", scope: "m", at: start, expiry: expiry, maxEntries: 3)
        }
        // k2 saved again counts once and becomes the newest: the next save evicts k3, not k2.
        try await memory.saveCachedResponse(CachedResponse(text: "2b"), key: "k2", scope: "m", at: start, expiry: expiry, maxEntries: 3)
        try await memory.saveCachedResponse(CachedResponse(text: "5"), key: "k5", scope: "m", at: start, expiry: expiry, maxEntries: 3)
        var texts: [String] = []
        for index in 0..<6 { texts.append(try await memory.cachedResponse(key: "k\(index)", at: start)?.text ?? "-") }
        #expect(texts == ["-", "-", "2b", "-", "4", "5"])
        #expect(try await memory.cachedResponse(key: "other", at: start)?.text == "x")
        #expect(try await memory.cachedResponse(key: "other", at: expiry) == nil)
        #expect(memory.count == 3)
    }

    @Test("a repeated hit is answered in memory, not read from the store again; another process's answer is read once")
    func front() async throws {
        let store = CountingCacheStore()
        var model = ModelConfig(name: "m", provider: "openai", model: "x")
        model.parameters = GenerationParameters(temperature: 0)
        model.cache = CacheConfig()
        let entry = try #require(ResponseCache(QuorumConfig(models: [model]), store: store)?.entry(for: ChatRequest(prompt: "q"), answeredBy: "m"))
        // Saved by another process: only in the store.
        try await store.base.saveCachedResponse(
            CachedResponse(text: "stored"), key: entry.key, scope: "m", at: Date(), expiry: Date().addingTimeInterval(60), maxEntries: 10)
        let cache = try #require(ResponseCache(QuorumConfig(models: [model]), store: store))
        for _ in 0..<3 { #expect(await cache.response(for: entry)?.text == "stored") }
        #expect(store.reads == 1)
        // What this process saves is in front at once.
        let other = try #require(cache.entry(for: ChatRequest(prompt: "other"), answeredBy: "m"))
        await cache.save(CachedResponse(text: "fresh"), for: other)
        #expect(await cache.response(for: other)?.text == "fresh")
        #expect(store.reads == 1)
    }
}
