import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import QuorumCore
import QuorumOrchestration
import QuorumTesting
import Testing
@testable import QuorumServer

func makeGateway(settings: GatewaySettings = GatewaySettings(keepAliveInterval: .milliseconds(20))) -> Gateway {
    let cheap = ScriptedModel(name: "cheap", text: "REJECTED DRAFT")
    let strong = ScriptedModel(name: "strong", text: "The accepted answer is 42")
    let atOnce = ScriptedModel(name: "at-once", text: "The accepted answer is 42", inOneDelta: true)
    let limited = ScriptedModel(
        name: "limited", error: QuorumError(.rateLimited, "slow down", context: ["model": "limited"], httpStatus: 429, retryAfter: 7))
    let models: [String: any ChatModel] = ["cheap": cheap, "strong": strong, "at-once": atOnce, "limited": limited]
    var targets = models.mapValues { ServedTarget.model($0) }
    targets["cascade"] = .system(ScriptedCascade(delay: .milliseconds(120)))
    return Gateway(targets: targets, models: models, settings: settings, logger: Logger(label: "test"))
}

func chatBody(_ model: String, stream: Bool = false, extra: String = "") -> ByteBuffer {
    ByteBuffer(string: """
        {"model": "\(model)", "messages": [{"role": "user", "content": "What is 6 x 7?"}], "stream": \(stream)\(extra)}
        """)
}

func json(_ buffer: ByteBuffer) throws -> [String: Any] {
    try #require(JSONSerialization.jsonObject(with: Data(buffer: buffer)) as? [String: Any])
}

@Suite("Gateway: chat completions")
struct GatewayTests {
    @Test("a model answers in OpenAI's format with usage, cost and a trace id whose trace can be fetched")
    func nonStreaming() async throws {
        let app = Application(router: try makeGateway().makeRouter())
        try await app.test(.router) { client in
            let traceID = try await client.execute(uri: "/v1/chat/completions", method: .post, body: chatBody("strong")) { response in
                #expect(response.status == .ok)
                let body = try json(response.body)
                #expect(body["object"] as? String == "chat.completion")
                let choice = try #require((body["choices"] as? [[String: Any]])?.first)
                #expect((choice["message"] as? [String: Any])?["content"] as? String == "The accepted answer is 42")
                #expect(choice["finish_reason"] as? String == "stop")
                let usage = try #require(body["usage"] as? [String: Any])
                #expect(usage["prompt_tokens"] as? Int == 10)
                #expect(usage["total_tokens"] as? Int == 15)
                // 10 × $1/M + 5 × $2/M = $0.00002
                #expect((usage["cost"] as? NSNumber)?.decimalValue == Decimal(string: "0.00002"))
                return try #require(response.headers[.quorumTraceID])
            }
            try await client.execute(uri: "/v1/traces/\(traceID)", method: .get) { response in
                #expect(response.status == .ok)
                let body = try json(response.body)
                #expect(body["model"] as? String == "strong")
                #expect((body["trace"] as? [String: Any])?["label"] as? String == "strong")
            }
        }
    }

    @Test("a streamed model sends role, content chunks, finish, usage and [DONE], token by token or all at once",
          arguments: ["strong", "at-once"])
    func streamingModel(model: String) async throws {
        let app = Application(router: try makeGateway().makeRouter())
        try await app.test(.router) { client in
            let extra = #", "stream_options": {"include_usage": true}"#
            try await client.execute(uri: "/v1/chat/completions", method: .post, body: chatBody(model, stream: true, extra: extra)) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "text/event-stream")
                // An answer complete before the first byte goes out is sent as one body; else chunked.
                #expect((response.headers[.contentLength] != nil) == (model == "at-once"))
                let events = String(buffer: response.body).components(separatedBy: "\n\n").filter { !$0.isEmpty }
                #expect(events.last == "data: [DONE]")
                let chunks = try events.dropLast().map { event in
                    try #require(JSONSerialization.jsonObject(with: Data(event.dropFirst(6).utf8)) as? [String: Any])
                }
                let contents = chunks.compactMap { chunk in
                    ((chunk["choices"] as? [[String: Any]])?.first?["delta"] as? [String: Any])?["content"] as? String
                }
                #expect(contents.joined() == "The accepted answer is 42")
                #expect(((chunks[0]["choices"] as? [[String: Any]])?.first?["delta"] as? [String: Any])?["role"] as? String == "assistant")
                let usage = try #require(chunks.last?["usage"] as? [String: Any])
                #expect(usage["completion_tokens"] as? Int == 5)
                #expect((chunks.last?["choices"] as? [Any])?.isEmpty == true)
            }
        }
    }

    @Test("a streamed cascade sends keep-alives while it works and only the accepted answer")
    func streamingSystem() async throws {
        let app = Application(router: try makeGateway().makeRouter())
        try await app.test(.router) { client in
            try await client.execute(uri: "/v1/chat/completions", method: .post, body: chatBody("cascade", stream: true)) { response in
                let text = String(buffer: response.body)
                #expect(text.contains(": keep-alive"))
                #expect(!text.contains("REJECTED"))
                #expect(text.contains("accepted answer"))
                #expect(text.hasSuffix("data: [DONE]\n\n"))
            }
        }
    }

    @Test("a non-streamed cascade reports the cost of every call it made")
    func systemCost() async throws {
        let app = Application(router: try makeGateway().makeRouter())
        try await app.test(.router) { client in
            try await client.execute(uri: "/v1/chat/completions", method: .post, body: chatBody("cascade")) { response in
                let usage = try #require(try json(response.body)["usage"] as? [String: Any])
                #expect(usage["prompt_tokens"] as? Int == 20)
                #expect((usage["cost"] as? NSNumber)?.decimalValue == Decimal(string: "0.00004"))
            }
        }
    }

    @Test("an upstream rate limit becomes a 429 with the upstream's Retry-After, streamed or not")
    func upstreamRateLimit() async throws {
        let app = Application(router: try makeGateway().makeRouter())
        try await app.test(.router) { client in
            for stream in [false, true] {
                try await client.execute(uri: "/v1/chat/completions", method: .post, body: chatBody("limited", stream: stream)) { response in
                    #expect(response.status == .tooManyRequests)
                    #expect(response.headers[.retryAfter] == "7")
                    let error = try #require(try json(response.body)["error"] as? [String: Any])
                    #expect(error["type"] as? String == "rate_limit_error")
                }
            }
        }
    }

    @Test("models and systems are listed, health answers, metrics count requests")
    func listingHealthMetrics() async throws {
        let app = Application(router: try makeGateway().makeRouter())
        try await app.test(.router) { client in
            try await client.execute(uri: "/v1/models", method: .get) { response in
                let data = try #require(try json(response.body)["data"] as? [[String: Any]])
                #expect(data.compactMap { $0["id"] as? String } == ["at-once", "cascade", "cheap", "limited", "strong"])
            }
            try await client.execute(uri: "/healthz", method: .get) { response in
                #expect(response.status == .ok)
            }
            try await client.execute(uri: "/v1/chat/completions", method: .post, body: chatBody("strong")) { _ in }
            try await client.execute(uri: "/metrics", method: .get) { response in
                let text = String(buffer: response.body)
                #expect(text.contains(#"quorum_requests_total{model="strong",stream="false",status="200"} 1"#))
                #expect(text.contains("quorum_prompt_tokens_total"))
            }
        }
    }

    @Test("10,000 distinct unknown model names share one 'unknown' series: /metrics stays bounded")
    func unknownNamesBounded() async throws {
        let app = Application(router: try makeGateway().makeRouter())
        try await app.test(.router) { client in
            var sizes: [Int] = []
            for index in 0..<10_000 {
                try await client.execute(
                    uri: "/v1/chat/completions", method: .post, body: chatBody("no-such-model-\(index)")
                ) { response in
                    #expect(response.status == .notFound || response.status == .badRequest)
                }
                if index == 99 || index == 9_999 {
                    try await client.execute(uri: "/metrics", method: .get) { sizes.append($0.body.readableBytes) }
                }
            }
            try await client.execute(uri: "/metrics", method: .get) { response in
                let text = String(buffer: response.body)
                #expect(!text.contains("no-such-model"))
                #expect(text.contains(#"quorum_requests_total{model="unknown",stream="false""#))
                #expect(text.contains(#"} 10000"#))
            }
            // The same series after 100 names and after 10,000: only the counts' digits grew.
            #expect(sizes.count == 2 && sizes[1] - sizes[0] < 64)
        }
    }
}
