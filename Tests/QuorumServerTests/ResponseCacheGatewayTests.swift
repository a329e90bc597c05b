import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import QuorumCore
import QuorumOrchestration
import QuorumTesting
import Testing
@testable import QuorumServer

/// `cache:` in `quorum serve`: identical temperature-0 requests answered from the store.
@Suite("Gateway: response cache")
struct ResponseCacheGatewayTests {
    /// A gateway whose `strong` model and `cascade` system cache in a fresh SQLite store; `log` sees every upstream call.
    struct Fixture {
        let store = try! TemporaryStore()
        let log = CallLog()

        func gateway() -> Gateway {
            let strong = ScriptedModel("strong", log: log, cost: USD(string: "0.002")!) { _, _ in "The accepted answer is 42" }
            let cheap = ScriptedModel("cheap", log: log, cost: USD(string: "0.001")!) { _, _ in "REJECTED DRAFT" }
            let models: [String: any ChatModel] = ["strong": strong, "cheap": cheap]
            var targets = models.mapValues { ServedTarget.model($0) }
            targets["cascade"] = .system(ScriptedCascade())
            let policy = CachePolicy(ttl: 3600, maxEntries: 100)
            let cache = ResponseCache(
                store: store.store,
                identities: ["strong": .init(fingerprint: "s"), "cheap": .init(fingerprint: "c"), "cascade": .init(fingerprint: "x")],
                policies: ["strong": policy, "cascade": policy])
            return Gateway(
                targets: targets, models: models, settings: GatewaySettings(keepAliveInterval: .milliseconds(20)),
                logger: Logger(label: "test"), cache: cache)
        }
    }

    static let deterministic = #", "temperature": 0"#

    /// Posts `body` and returns the cache header, the trace id and the parsed JSON (nil for a stream) with the raw text.
    func post(
        _ client: some TestClientProtocol, _ body: ByteBuffer, headers: HTTPFields = [:]
    ) async throws -> (cache: String?, trace: String, json: [String: Any]?, text: String) {
        try await client.execute(uri: "/v1/chat/completions", method: .post, headers: headers, body: body) { response in
            #expect(response.status == .ok)
            let text = String(buffer: response.body)
            let parsed = response.headers[.contentType] == "application/json" ? try json(response.body) : nil
            return (response.headers[.quorumCache], try #require(response.headers[.quorumTraceID]), parsed, text)
        }
    }

    /// The text of an SSE stream's content chunks, joined.
    static func content(of stream: String) throws -> String {
        let events = stream.components(separatedBy: "\n\n").filter { $0.hasPrefix("data: {") }
        return try events.compactMap { event in
            let chunk = try JSONSerialization.jsonObject(with: Data(event.dropFirst(6).utf8)) as? [String: Any]
            return ((chunk?["choices"] as? [[String: Any]])?.first?["delta"] as? [String: Any])?["content"] as? String
        }.joined()
    }

    func cost(_ body: [String: Any]?) -> Decimal? {
        ((body?["usage"] as? [String: Any])?["cost"] as? NSNumber)?.decimalValue
    }

    @Test("a second identical temperature-0 request is a hit: header, zero cost, saved cost in the trace, one upstream call")
    func hit() async throws {
        let fixture = Fixture()
        let gateway = fixture.gateway()
        try await Application(router: try gateway.makeRouter()).test(.router) { client in
            let first = try await post(client, chatBody("strong", extra: Self.deterministic))
            let second = try await post(client, chatBody("strong", extra: Self.deterministic))
            #expect(first.cache == "miss")
            #expect(second.cache == "hit")
            #expect(cost(first.json) == Decimal(string: "0.002"))
            #expect(cost(second.json) == 0)
            let message = ((second.json?["choices"] as? [[String: Any]])?.first?["message"] as? [String: Any])?["content"]
            #expect(message as? String == "The accepted answer is 42")
            let trace = try #require(gateway.traces.trace(id: second.trace)?.trace)
            #expect(trace.savedCost == USD(string: "0.002")!)
            #expect(trace.answerCost == .zero)
            #expect(await fixture.log.entries.count == 1)
        }
    }

    @Test("a sampled request is not cached by default")
    func sampled() async throws {
        let fixture = Fixture()
        try await Application(router: try fixture.gateway().makeRouter()).test(.router) { client in
            for _ in 0..<2 {
                let reply = try await post(client, chatBody("strong", extra: #", "temperature": 0.7"#))
                #expect(reply.cache == "bypass")
            }
            #expect(await fixture.log.entries.count == 2)
        }
    }

    @Test("Cache-Control: no-cache from the client answers fresh; no-store keeps nothing", arguments: ["no-cache", "no-store"])
    func clientBypass(directive: String) async throws {
        let fixture = Fixture()
        try await Application(router: try fixture.gateway().makeRouter()).test(.router) { client in
            _ = try await post(client, chatBody("strong", extra: Self.deterministic), headers: [.cacheControl: directive])
            let bypassed = try await post(client, chatBody("strong", extra: Self.deterministic), headers: [.cacheControl: directive])
            #expect(bypassed.cache == "bypass")
            #expect(cost(bypassed.json) == Decimal(string: "0.002"))
            #expect(await fixture.log.entries.count == 2)
            // no-cache refreshed the entry; no-store left none.
            let plain = try await post(client, chatBody("strong", extra: Self.deterministic))
            #expect(plain.cache == (directive == "no-cache" ? "hit" : "miss"))
        }
    }

    @Test("a streamed hit replays as an SSE stream: role, content, finish, usage with zero cost, [DONE]")
    func streamedHit() async throws {
        let fixture = Fixture()
        let extra = Self.deterministic + #", "stream_options": {"include_usage": true}"#
        try await Application(router: try fixture.gateway().makeRouter()).test(.router) { client in
            let miss = try await post(client, chatBody("strong", stream: true, extra: extra))
            #expect(miss.cache == "miss")
            let hit = try await post(client, chatBody("strong", stream: true, extra: extra))
            #expect(hit.cache == "hit")
            let events = hit.text.components(separatedBy: "\n\n").filter { !$0.isEmpty }
            #expect(events.last == "data: [DONE]")
            let chunks = try events.dropLast().map { event in
                try #require(JSONSerialization.jsonObject(with: Data(event.dropFirst(6).utf8)) as? [String: Any])
            }
            let deltas = chunks.compactMap { ($0["choices"] as? [[String: Any]])?.first?["delta"] as? [String: Any] }
            #expect(deltas.first?["role"] as? String == "assistant")
            #expect(deltas.compactMap { $0["content"] as? String }.joined() == "The accepted answer is 42")
            #expect(chunks.contains { ($0["choices"] as? [[String: Any]])?.first?["finish_reason"] as? String == "stop" })
            #expect(cost(chunks.last) == 0)
            // A non-streamed request shares the entry the stream left.
            let shared = try await post(client, chatBody("strong", extra: Self.deterministic))
            #expect(shared.cache == "hit")
            #expect(await fixture.log.entries.count == 1)
        }
    }

    @Test("a system's whole answer is cached: a hit makes no call at all and its trace says what every call saved")
    func systemHit() async throws {
        let fixture = Fixture()
        let gateway = fixture.gateway()
        try await Application(router: try gateway.makeRouter()).test(.router) { client in
            let miss = try await post(client, chatBody("cascade", extra: Self.deterministic))
            #expect(miss.cache == "miss")
            #expect(await fixture.log.entries.count == 2)
            let streamed = try await post(client, chatBody("cascade", stream: true, extra: Self.deterministic))
            #expect(streamed.cache == "hit")
            #expect(try Self.content(of: streamed.text) == "The accepted answer is 42")
            let trace = try #require(gateway.traces.trace(id: streamed.trace)?.trace)
            #expect(trace.savedCost == USD(string: "0.003")!)
            #expect(trace.calls.count == 2 && trace.calls.allSatisfy { $0.isCached })
            #expect(await fixture.log.entries.count == 2)
        }
    }

    @Test("a model without cache: sends no cache header and always calls upstream")
    func uncachedModel() async throws {
        let fixture = Fixture()
        try await Application(router: try fixture.gateway().makeRouter()).test(.router) { client in
            for _ in 0..<2 {
                let reply = try await post(client, chatBody("cheap", extra: Self.deterministic))
                #expect(reply.cache == nil)
            }
            #expect(await fixture.log.entries.count == 2)
        }
    }

    @Test("hits are counted in /metrics with what they saved")
    func metrics() async throws {
        let fixture = Fixture()
        try await Application(router: try fixture.gateway().makeRouter()).test(.router) { client in
            for _ in 0..<3 { _ = try await post(client, chatBody("strong", extra: Self.deterministic)) }
            try await client.execute(uri: "/metrics", method: .get) { response in
                let text = String(buffer: response.body)
                #expect(text.contains(#"quorum_cache_hits_total{served="strong"} 2"#))
                #expect(text.contains(#"quorum_cache_saved_usd_total{served="strong"} 0.004"#))
            }
        }
    }
}
