import Foundation
import Logging
import Synchronization
import NIOCore
import Prometheus
import QuorumCore
import QuorumOrchestration
import Testing
@testable import QuorumServer

/// The hand-written pieces of the request path say exactly what the general ones said.
@Suite("Gateway: hot path")
struct HotPathTests {
    static let awkward = "Quote \" backslash \\ slash / newline \n tab \t bell \u{07} del \u{7F} é 漢字 🙂"

    func encoded(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    func written(_ value: some JSONBody) -> String {
        var buffer = ByteBuffer()
        value.write(into: &buffer)
        return String(buffer: buffer)
    }

    /// Same JSON value, and the same text for every leaf (numbers included).
    func expectSameJSON(_ written: String, _ encoded: String) throws {
        let left = try JSONSerialization.jsonObject(with: Data(written.utf8)) as? NSDictionary
        let right = try JSONSerialization.jsonObject(with: Data(encoded.utf8)) as? NSDictionary
        #expect(left != nil)
        #expect(left == right)
        #expect(written.count == encoded.count)
    }

    @Test("a completion is written as JSONEncoder writes it, awkward text and cached tokens included")
    func completion() throws {
        for (text, cached, cost) in [("The answer is 42.", 0, "0.000024"), (Self.awkward, 3, "12.5"), ("", 0, "0")] {
            let usage = Usage(promptTokens: 12, completionTokens: 6, cachedPromptTokens: cached)
            let body = ChatCompletionResponse(
                id: "chatcmpl-abc", created: 1_700_000_000, model: "stub/\"x\"",
                choices: [.init(index: 0, message: .init(content: text), finishReason: "stop")],
                usage: UsageBody(usage, cost: USD(Decimal(string: cost)!)))
            try expectSameJSON(written(body), try encoded(body))
            #expect(written(body).contains("\"cost\":\(cost)"))
        }
    }

    @Test("stream chunks are written as JSONEncoder writes them: role, content, explicit null finish, usage")
    func chunks() throws {
        let usage = UsageBody(Usage(promptTokens: 1, completionTokens: 2), cost: USD(Decimal(string: "0.000005")!))
        let chunks = [
            ChatCompletionChunk(id: "c", created: 1, model: "m", choices: [.init(delta: .init(role: "assistant", content: ""))]),
            ChatCompletionChunk(id: "c", created: 1, model: "m", choices: [.init(delta: .init(content: Self.awkward))]),
            ChatCompletionChunk(id: "c", created: 1, model: "m", choices: [.init(delta: .init(), finishReason: "length")]),
            ChatCompletionChunk(id: "c", created: 1, model: "m", choices: [], usage: usage),
        ]
        for chunk in chunks {
            try expectSameJSON(written(chunk), try encoded(chunk))
        }
        #expect(written(chunks[1]).contains(#""finish_reason":null"#))
        #expect(written(chunks[2]).contains(#""delta":{}"#))
    }

    @Test("completion ids are chatcmpl- and 32 lowercase hex digits, different every time")
    func completionIDs() {
        // More than one pool of random words, so a refill is crossed.
        let ids = (0..<1_000).map { _ in CompletionID.make() }
        #expect(Set(ids).count == ids.count)
        for id in ids {
            #expect(id.hasPrefix("chatcmpl-"))
            let hex = id.dropFirst("chatcmpl-".count)
            #expect(hex.count == 32)
            #expect(hex.allSatisfy { $0.isHexDigit && !$0.isUppercase })
        }
        // Random, not a counter: most of the 32 hex digits differ between consecutive ids.
        let differing = zip(ids, ids.dropFirst()).map { a, b in
            zip(a.utf8, b.utf8).reduce(0) { $0 + (($1.0 ^ $1.1) == 0 ? 0 : 1) }
        }
        #expect(Double(differing.reduce(0, +)) / Double(differing.count) > 25)
    }

    @Test("metrics reuse one series per label set and keep every series apart")
    func metricsSeries() {
        let metrics = GatewayMetrics(known: ["a", "b"])
        for _ in 0..<3 { metrics.recordRequest(model: "a", stream: false, status: 200, duration: .milliseconds(2)) }
        metrics.recordRequest(model: "a", stream: true, status: 200, duration: .milliseconds(2))
        metrics.recordRequest(model: "b", stream: false, status: 502, duration: .milliseconds(2))
        metrics.recordError(model: "b", type: "upstream_error")
        metrics.recordError(model: "b", type: "upstream_error")
        metrics.recordCalls([("up", Usage(promptTokens: 10, completionTokens: 5), USD(Decimal(string: "0.5")!))], served: "a")
        metrics.recordCalls([("up", Usage(promptTokens: 1, completionTokens: 1), USD(Decimal(string: "0.25")!))], served: "a")
        metrics.recordLevel(2, system: "cascade")
        let text = metrics.render()
        #expect(text.contains(#"quorum_requests_total{model="a",stream="false",status="200"} 3"#))
        #expect(text.contains(#"quorum_requests_total{model="a",stream="true",status="200"} 1"#))
        #expect(text.contains(#"quorum_requests_total{model="b",stream="false",status="502"} 1"#))
        #expect(text.contains(#"quorum_request_duration_seconds_count{model="a",stream="false"} 3"#))
        #expect(text.contains(#"quorum_errors_total{model="b",type="upstream_error"} 2"#))
        #expect(text.contains(#"quorum_prompt_tokens_total{model="up",served="a"} 11"#))
        #expect(text.contains(#"quorum_completion_tokens_total{model="up",served="a"} 6"#))
        #expect(text.contains(#"quorum_cost_usd_total{model="up",served="a"} 0.75"#))
        #expect(text.contains(#"quorum_answers_by_level_total{system="cascade",level="2"} 1"#))
    }

    @Test("the trace cache answers recent ids and forgets the oldest beyond its capacity")
    func traceCache() {
        let cache = TraceCache(capacity: 2)
        for id in ["a", "b", "c"] {
            cache.insert(.init(id: id, model: "m", created: 0, trace: TraceNode(kind: .call, label: id)))
        }
        #expect(cache.trace(id: "a") == nil)
        #expect(cache.trace(id: "b")?.trace.label == "b")
        #expect(cache.trace(id: "c")?.trace.label == "c")
    }

    @Test("a logger's metadata reaches its handler with each event, the event's own keys winning")
    func deferredMetadata() {
        let recorder = RecordingLogHandler()
        var logger = Logger(label: "test") { _ in recorder }.deferringMetadata
        #expect(logger.deferringMetadata.handler is DeferredMetadataLogHandler)
        logger[metadataKey: "hb.request.id"] = "42"
        logger[metadataKey: "trace"] = "t"
        #expect(logger[metadataKey: "hb.request.id"] == "42")
        logger.warning("request", metadata: ["trace": "explicit"])
        logger.debug("filtered out at the default info level")
        let events = recorder.events.withLock { $0 }
        #expect(events.count == 1)
        #expect(events.first?["hb.request.id"] == "42")
        #expect(events.first?["trace"] == "explicit")
    }
}

/// Records the metadata of every event it is given.
final class RecordingLogHandler: LogHandler, Sendable {
    let events = Mutex<[Logger.Metadata]>([])
    var metadata: Logger.Metadata {
        get { [:] }
        set {}
    }
    var metadataProvider: Logger.MetadataProvider? {
        get { nil }
        set {}
    }
    var logLevel: Logger.Level {
        get { .info }
        set {}
    }
    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { nil }
        set {}
    }
    func log(event: LogEvent) { events.withLock { $0.append(event.metadata ?? [:]) } }
}
