import QuorumCore
import QuorumProviders
import QuorumTesting
import Testing

/// Bodies as the Messages API sends them.
enum AnthropicFixtures {
    static let message = #"""
        {"id":"msg_01XFDUDYJgAACzvnptvVoYEL","type":"message","role":"assistant","model":"claude-sonnet-4-20250514",
         "content":[{"type":"text","text":"Hello!"}],"stop_reason":"end_turn","stop_sequence":null,
         "usage":{"input_tokens":12,"cache_creation_input_tokens":0,"cache_read_input_tokens":100,"output_tokens":6}}
        """#

    static let toolAnswer = #"""
        {"id":"msg_02","type":"message","role":"assistant","model":"claude-sonnet-4-20250514",
         "content":[{"type":"tool_use","id":"toolu_01","name":"verdict","input":{"score":9,"valid":true}}],
         "stop_reason":"tool_use","stop_sequence":null,"usage":{"input_tokens":50,"output_tokens":20}}
        """#

    static func stream(_ pieces: [String], stop: Bool = true) -> [String] {
        var events = [
            #"event: message_start"# + "\n" + #"data: {"type":"message_start","message":{"id":"msg_s1","type":"message","role":"assistant","content":[],"model":"claude-sonnet-4-20250514","stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":25,"cache_read_input_tokens":5,"output_tokens":1}}}"# + "\n\n",
            "event: content_block_start\n" + #"data: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}"# + "\n\n",
            "event: ping\n" + #"data: {"type": "ping"}"# + "\n\n",
        ]
        events += pieces.map {
            "event: content_block_delta\n" + #"data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"# + jsonString($0) + "}}\n\n"
        }
        events.append("event: content_block_stop\n" + #"data: {"type":"content_block_stop","index":0}"# + "\n\n")
        events.append("event: message_delta\n" + #"data: {"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},"usage":{"output_tokens":15}}"# + "\n\n")
        if stop { events.append("event: message_stop\n" + #"data: {"type":"message_stop"}"# + "\n\n") }
        return events
    }
}

@Suite("Anthropic Messages")
struct AnthropicTests {
    private func anthropic(_ config: inout ModelConfig, _ server: String) {
        config.baseURL = server
    }

    @Test("the system prompt is lifted out, max_tokens is always sent, and usage counts cache reads")
    func complete() async throws {
        try await withStubModel(
            [.json(AnthropicFixtures.message, headers: [("request-id", "req_018EeWyXxfu5pfWkrYcMdjWG")])],
            provider: "anthropic", model: "claude-sonnet-4-20250514"
        ) { model, server in
            let completion = try await model.complete(ChatRequest(prompt: "Hi", system: "Be kind."))
            #expect(completion.text == "Hello!")
            #expect(completion.usage == Usage(promptTokens: 112, completionTokens: 6, cachedPromptTokens: 100))
            #expect(completion.requestID == "req_018EeWyXxfu5pfWkrYcMdjWG")
            // built-in price: 12 × 3 + 100 × 0.30 + 6 × 15 = 156 per 1M
            #expect(completion.cost == USD(string: "0.000156")!)
            let request = try #require(await server.requests().first)
            #expect(request.uri == "/v1/v1/messages")
            #expect(request.header("x-api-key") == secretKey)
            #expect(request.header("anthropic-version") == "2023-06-01")
            #expect(request.header("authorization") == nil)
            let json = try jsonBody(request)
            #expect(json["system"] == "Be kind.")
            #expect(json["max_tokens"] == 4096)
            #expect(json["messages"] == [["role": "user", "content": "Hi"]])
        }
    }

    @Test("structured output forces a tool and returns its input as the JSON text")
    func structured() async throws {
        let schema: JSONValue = ["type": "object", "properties": ["score": ["type": "integer"], "valid": ["type": "boolean"]]]
        var request = ChatRequest(prompt: "Judge this.")
        request.responseFormat = .jsonSchema(name: "verdict", schema: schema)
        try await withStubModel([.json(AnthropicFixtures.toolAnswer)], provider: "anthropic") { model, server in
            let completion = try await model.complete(request)
            #expect(completion.text == #"{"score":9,"valid":true}"#)
            #expect(completion.finishReason == .stop)
            let json = try jsonBody(try #require(await server.requests().first))
            #expect(json["tool_choice"] == ["type": "tool", "name": "verdict"])
            #expect(json["tools"]?.arrayValue?.first?["input_schema"] == schema)
        }
    }

    @Test("a stream reads message_start to message_stop with usage from message_delta")
    func stream() async throws {
        try await withStubModel([.sse(AnthropicFixtures.stream(["Hel", "lo", "!"]))], provider: "anthropic") { model, _ in
            let (text, completion) = try await collect(model.stream(ChatRequest(prompt: "Hi")))
            #expect(text == "Hello!")
            let final = try #require(completion)
            #expect(final.usage == Usage(promptTokens: 30, completionTokens: 15, cachedPromptTokens: 5))
            #expect(final.requestID == "msg_s1")
            #expect(final.finishReason == .stop)
        }
    }

    @Test("a stream without message_stop is interrupted")
    func cut() async throws {
        try await withStubModel([.sse(AnthropicFixtures.stream(["partial"], stop: false))], provider: "anthropic", configure: {
            $0.retries = 0
        }) { model, _ in
            let error = await quorumError { _ = try await collect(model.stream(ChatRequest(prompt: "Hi"))) }
            #expect(error?.kind == .streamInterrupted)
        }
    }

    @Test("an overloaded error event mid-stream is retryable, and retried when nothing was handed out")
    func overloadedEvent() async throws {
        let overloaded = StubResponse.sse([
            "event: error\n" + #"data: {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}"# + "\n\n"
        ])
        try await withStubModel([overloaded, .sse(AnthropicFixtures.stream(["ok"]))], provider: "anthropic") { model, _ in
            let (text, completion) = try await collect(model.stream(ChatRequest(prompt: "Hi")))
            #expect(text == "ok")
            #expect(completion?.attempts == 2)
        }
    }

    @Test("HTTP 529 overloaded is retried; the error body's type and message are kept")
    func http529() async throws {
        let body = #"{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}"#
        try await withStubModel([.json(body, status: .init(statusCode: 529))], provider: "anthropic") { model, server in
            let error = await quorumError { _ = try await model.complete(ChatRequest(prompt: "Hi")) }
            #expect(error?.kind == .upstreamUnavailable)
            #expect(error?.context["vendor_error"] == "overloaded_error")
            #expect(error?.message.contains("Overloaded") == true)
            #expect(await server.requests().count == 3)
        }
    }
}
