import Foundation
import QuorumCore
import QuorumOrchestration
import QuorumTesting
import Synchronization
import Testing

/// A clock tests move by hand: TTLs expire without waiting.
final class TestClock: Sendable {
    private let current = Mutex(Date(timeIntervalSince1970: 1_800_000_000))
    var now: Date { current.withLock { $0 } }
    func advance(by seconds: Double) { current.withLock { $0 = $0.addingTimeInterval(seconds) } }
}

@Suite("Response cache: model calls")
struct ResponseCacheTests {
    static func config(temperature: Double? = 0, cache: CacheConfig? = CacheConfig(ttl: ConfigDuration(seconds: 60))) -> QuorumConfig {
        var model = ModelConfig(name: "m", provider: "openai", model: "gpt-test")
        model.apiKey = "sk-secret"
        model.parameters = temperature.map { GenerationParameters(temperature: $0) }
        model.cache = cache
        var system = SystemConfig(name: "single", type: "single")
        system.model = "m"
        return QuorumConfig(models: [model], systems: [system])
    }

    func setUp(_ config: QuorumConfig, clock: TestClock = TestClock()) throws -> (RunContext, CallLog) {
        let log = CallLog()
        let model = ScriptedModel("m", log: log, cost: usd("0.01")) { request, _ in "answer to \(request.messages.last!.content)" }
        let cache = ResponseCache(config, store: MemoryResponseCacheStore(), now: { clock.now })
        return (RunContext(models: ["m": model], cache: try #require(cache)), log)
    }

    @Test("a second identical temperature-0 call is answered from the cache: free, with the saved cost, one upstream call")
    func hit() async throws {
        let (context, log) = try setUp(Self.config())
        let first = try await context.call("m", ChatRequest(prompt: "6 x 7?"), key: "a")
        let second = try await context.call("m", ChatRequest(prompt: "6 x 7?"), key: "b")
        #expect(first.cost == usd("0.01") && !first.isCached)
        #expect(second.response == first.response)
        #expect(second.cost == .zero)
        #expect(second.savedCost == usd("0.01"))
        #expect(await log.entries.count == 1)
        let trace = TraceNode(kind: .system, label: "s", children: [
            TraceNode(kind: .call, label: "m", call: first), TraceNode(kind: .call, label: "m", call: second),
        ])
        #expect(trace.answerCost == usd("0.01"))
        #expect(trace.savedCost == usd("0.01"))
    }

    @Test("different messages or parameters are different entries")
    func keyedByRequest() async throws {
        let (context, log) = try setUp(Self.config())
        _ = try await context.call("m", ChatRequest(prompt: "6 x 7?"), key: "a")
        _ = try await context.call("m", ChatRequest(prompt: "6 x 8?"), key: "b")
        _ = try await context.call("m", ChatRequest(prompt: "6 x 7?", parameters: .init(maxTokens: 5)), key: "c")
        _ = try await context.call("m", ChatRequest(prompt: "6 x 7?", system: "Be brief."), key: "d")
        #expect(await log.entries.count == 4)
    }

    @Test("sampled requests are not cached by default, and are with any_temperature")
    func temperature() async throws {
        let sampled = ChatRequest(prompt: "a poem", parameters: .init(temperature: 0.7))
        let (context, log) = try setUp(Self.config())
        for key in ["a", "b"] { _ = try await context.call("m", sampled, key: key) }
        #expect(await log.entries.count == 2)
        // No temperature configured or asked: the vendor samples (default 1), so not cached either.
        let (unset, unsetLog) = try setUp(Self.config(temperature: nil))
        for key in ["a", "b"] { _ = try await unset.call("m", ChatRequest(prompt: "q"), key: key) }
        #expect(await unsetLog.entries.count == 2)
        let (any, anyLog) = try setUp(Self.config(cache: CacheConfig(anyTemperature: true)))
        for key in ["a", "b"] { _ = try await any.call("m", sampled, key: key) }
        #expect(await anyLog.entries.count == 1)
    }

    @Test("an answer older than the TTL is paid for again")
    func expiry() async throws {
        let clock = TestClock()
        let (context, log) = try setUp(Self.config(), clock: clock)
        _ = try await context.call("m", ChatRequest(prompt: "q"), key: "a")
        clock.advance(by: 59)
        #expect(try await context.call("m", ChatRequest(prompt: "q"), key: "b").isCached)
        clock.advance(by: 1)
        #expect(try await context.call("m", ChatRequest(prompt: "q"), key: "c").isCached == false)
        #expect(await log.entries.count == 2)
    }

    @Test("the key leaves out the API key and the cache settings, and changes with the vendor model")
    func fingerprint() throws {
        let request = ChatRequest(prompt: "q")
        func key(_ config: QuorumConfig) throws -> String {
            try #require(ResponseCache(config, store: MemoryResponseCacheStore())?.entry(for: request, answeredBy: "m")).key
        }
        var otherKey = Self.config()
        otherKey.models[0].apiKey = "sk-other"
        otherKey.models[0].cache = CacheConfig(ttl: ConfigDuration(seconds: 5), maxEntries: 3)
        var otherModel = Self.config()
        otherModel.models[0].model = "gpt-other"
        let original = try key(Self.config())
        #expect(try original == key(otherKey))
        #expect(try original != key(otherModel))
        #expect(original.count == 64)
    }

    @Test("a system's cache: covers the model calls it makes when the model has none")
    func inheritedFromSystem() async throws {
        var config = Self.config(cache: nil)
        config.systems[0].cache = CacheConfig()
        let (context, log) = try setUp(config)
        _ = try await context.call("m", ChatRequest(prompt: "q"), key: "a")
        _ = try await context.call("m", ChatRequest(prompt: "q"), key: "b")
        #expect(await log.entries.count == 2)  // outside the system: no policy
        var inside = context
        inside.cache = context.cache?.inheriting(from: "single")
        _ = try await inside.call("m", ChatRequest(prompt: "q"), key: "c")
        #expect(try await inside.call("m", ChatRequest(prompt: "q"), key: "d").isCached)
        #expect(await log.entries.count == 3)
    }

    @Test("no cache: anywhere means no cache at all, and cache: false turns a model's off")
    func off() {
        #expect(ResponseCache(Self.config(cache: nil), store: MemoryResponseCacheStore()) == nil)
        let disabled = ResponseCache(Self.config(cache: CacheConfig(enabled: false)), store: MemoryResponseCacheStore())
        #expect(disabled == nil)
    }

    @Test("a trace served from the cache is free and keeps what it once cost")
    func servedFromCache() {
        let call = CallRecord(key: "k", model: "m", role: .judge, messages: [], cost: usd("0.3"))
        let trace = TraceNode(kind: .system, label: "s", children: [TraceNode(kind: .call, label: "m", call: call)])
        let replayed = trace.servedFromCache()
        #expect(replayed.judgeCost == .zero)
        #expect(replayed.savedCost == usd("0.3"))
        #expect(replayed.calls.allSatisfy { $0.isCached })
        let printed = TracePrinter().render(replayed)
        #expect(printed.contains("(cached, saved $0.3"), "\(printed)")
        #expect(printed.contains("saved by the cache"))
    }
}
