import QuorumCore
import QuorumProviders
import QuorumTesting
import Testing

@Suite("OpenAI-compatible models")
struct OpenAICompatibleTests {
    @Test("a whole answer carries text, usage with cached tokens, finish reason, request id and cost")
    func completeAnswer() async throws {
        let body = openAIBody("42", prompt: 1_000, completion: 200, cached: 400, finish: "length")
        try await withStubModel([.json(body, headers: [("x-request-id", "req_abc")])], configure: {
            $0.price = Price(input: USD(string: "2")!, output: USD(string: "8")!, cachedInput: USD(string: "0.5")!)
        }) { model, server in
            let completion = try await model.complete(ChatRequest(prompt: "What is 6 x 7?", system: "Be brief."))
            #expect(completion.text == "42")
            #expect(completion.usage == Usage(promptTokens: 1_000, completionTokens: 200, cachedPromptTokens: 400))
            #expect(completion.finishReason == .length)
            #expect(completion.requestID == "req_abc")
            #expect(completion.model == "test-model-0613")
            #expect(completion.attempts == 1)
            // 600 × 2 + 400 × 0.5 + 200 × 8 = 3000 per 1M
            #expect(completion.cost == USD(string: "0.003")!)
            #expect(completion.latency > 0)
            let request = try #require(await server.requests().first)
            #expect(request.uri == "/v1/chat/completions")
            #expect(request.header("authorization") == "Bearer \(secretKey)")
            let json = try jsonBody(request)
            #expect(json["model"] == "test-model")
            #expect(json["messages"]?.arrayValue?.count == 2)
            #expect(json["messages"]?.arrayValue?.first?["role"] == "system")
        }
    }

    @Test("request parameters win over the config's and reach the wire under the vendor's names")
    func parameters() async throws {
        try await withStubModel([.json(openAIBody("ok"))], provider: "mistral", configure: {
            $0.parameters = GenerationParameters(temperature: 0.2, maxTokens: 64, seed: 1)
        }) { model, server in
            var request = ChatRequest(prompt: "hi")
            request.parameters = GenerationParameters(temperature: 0.9, topP: 0.5, stop: ["\n"], seed: 7, n: 1)
            _ = try await model.complete(request)
            let json = try jsonBody(try #require(await server.requests().first))
            #expect(json["temperature"] == 0.9)
            #expect(json["top_p"] == 0.5)
            #expect(json["max_tokens"] == 64)
            #expect(json["random_seed"] == 7)
            #expect(json["seed"] == nil)
            #expect(json["stop"] == ["\n"])
        }
    }

    @Test("events that arrive in one read are one delta, the end marker's read comes with the completion")
    func deltasFollowReads() async throws {
        /// Each delta's text, marked `+` when it carries the completion.
        func deltas(_ response: StubResponse) async throws -> [String] {
            try await withStubModel([response]) { model, _ in
                var deltas: [String] = []
                for try await delta in model.stream(ChatRequest(prompt: "q")) {
                    deltas.append(delta.text + (delta.completion == nil ? "" : "+"))
                }
                return deltas
            }
        }
        let events = openAIStream(["The ", "answer ", "is 42."])
        let together = StubResponse(headers: [("content-type", "text/event-stream")], chunks: [events.joined()])
        #expect(try await deltas(together) == ["The answer is 42.+"])
        #expect(try await deltas(.sse(events, chunkDelay: .milliseconds(30))) == ["The ", "answer ", "is 42.", "+"])
    }

    @Test("a stream hands out text as it comes and ends with the assembled completion")
    func streamAnswer() async throws {
        try await withStubModel([.sse(openAIStream(["The ", "answer ", "is 42."]))]) { model, server in
            let (text, completion) = try await collect(model.stream(ChatRequest(prompt: "q")))
            #expect(text == "The answer is 42.")
            let final = try #require(completion)
            #expect(final.text == "The answer is 42.")
            #expect(final.usage == Usage(promptTokens: 9, completionTokens: 3))
            #expect(final.timeToFirstToken != nil)
            #expect(final.requestID == "chatcmpl-9")
            let json = try jsonBody(try #require(await server.requests().first))
            #expect(json["stream"] == true)
            #expect(json["stream_options"] == ["include_usage": true])
        }
    }

    @Test("asked for logprobs, the request says so and the answer's tokens come back with theirs, whole or streamed")
    func logprobs() async throws {
        let content = #"[{"token":"4","logprob":-0.01,"top_logprobs":[{"token":"4","logprob":-0.01},{"token":"5","logprob":-4.6}]},{"token":"2","logprob":-0.3,"top_logprobs":[]}]"#
        let body = #"{"id":"c1","choices":[{"index":0,"message":{"content":"42"},"logprobs":{"content":"# + content
            + #"},"finish_reason":"stop"}],"usage":{"prompt_tokens":3,"completion_tokens":2}}"#
        var request = ChatRequest(prompt: "6 x 7?")
        request.parameters.logprobs = 2
        try await withStubModel([.json(body)]) { model, server in
            let completion = try await model.complete(request)
            let tokens = try #require(completion.logprobs)
            #expect(tokens.map(\.token) == ["4", "2"])
            #expect(tokens[0].logprob == -0.01)
            #expect(tokens[0].top == [.init(token: "4", logprob: -0.01), .init(token: "5", logprob: -4.6)])
            let json = try jsonBody(try #require(await server.requests().first))
            #expect(json["logprobs"] == true)
            #expect(json["top_logprobs"] == 2)
        }
        let chunks = [
            #"{"id":"c","choices":[{"index":0,"delta":{"content":"4"},"logprobs":{"content":[{"token":"4","logprob":-0.5,"top_logprobs":[]}]}}]}"#,
            #"{"id":"c","choices":[{"index":0,"delta":{"content":"2"},"logprobs":{"content":[{"token":"2","logprob":-0.25,"top_logprobs":[]}]},"finish_reason":"stop"}]}"#,
        ].map { "data: \($0)\n\n" } + ["data: [DONE]\n\n"]
        try await withStubModel([.sse(chunks)]) { model, _ in
            let (text, completion) = try await collect(model.stream(request))
            #expect(text == "42")
            #expect(completion?.logprobs?.map(\.logprob) == [-0.5, -0.25])
        }
        try await withStubModel([.json(openAIBody("42"))]) { model, server in
            #expect(try await model.complete(ChatRequest(prompt: "q")).logprobs == nil)
            let json = try jsonBody(try #require(await server.requests().first))
            #expect(json["logprobs"] == nil)
        }
    }

    @Test("OpenRouter's reported usage.cost wins over the price table")
    func openRouterCost() async throws {
        let body = openAIBody("hi", prompt: 10, completion: 10, extraUsage: #","cost":0.00123"#)
        try await withStubModel([.json(body)], provider: "openrouter", model: "openai/gpt-4.1", configure: {
            $0.headers = ["HTTP-Referer": "https://example.org", "X-Title": "Quorum"]
        }) { model, server in
            let completion = try await model.complete(ChatRequest(prompt: "q"))
            #expect(completion.cost == USD(string: "0.00123")!)
            let request = try #require(await server.requests().first)
            #expect(request.header("x-title") == "Quorum")
            #expect(request.header("http-referer") == "https://example.org")
        }
    }

    @Test("a model without a configured price is costed from the built-in table")
    func builtInPrice() async throws {
        try await withStubModel([.json(openAIBody("hi", prompt: 1_000_000, completion: 0))], provider: "openai", model: "gpt-4.1-2025-04-14") { model, _ in
            let completion = try await model.complete(ChatRequest(prompt: "q"))
            #expect(completion.cost == USD(string: "2")!)
        }
    }

    @Test("llama.cpp gets json_object with the schema, OpenAI gets json_schema")
    func structuredOutput() async throws {
        let schema: JSONValue = ["type": "object", "properties": ["answer": ["type": "integer"]], "additionalProperties": false]
        var request = ChatRequest(prompt: "q")
        request.responseFormat = .jsonSchema(name: "verdict", schema: schema)
        try await withStubModel([.json(openAIBody(#"{"answer":4}"#))], provider: "llamacpp") { model, server in
            _ = try await model.complete(request)
            let json = try jsonBody(try #require(await server.requests().first))
            #expect(json["response_format"] == ["type": "json_object", "schema": schema])
        }
        try await withStubModel([.json(openAIBody(#"{"answer":4}"#))], provider: "deepseek") { model, server in
            _ = try await model.complete(request)
            let json = try jsonBody(try #require(await server.requests().first))
            #expect(json["response_format"] == ["type": "json_schema", "json_schema": ["name": "verdict", "schema": schema, "strict": true]])
        }
    }

    @Test("a llama.cpp stream without usage is counted with the server's tokenizer and measured template overhead")
    func llamaCppCountsStreamUsage() async throws {
        // One body serves both the tokenizer (`count`) and the one-token calibration call (`usage`).
        let stream = StubResponse.sse(openAIStream(["four"], usage: false))
        let counts = StubResponse.json(#"{"count":6,"usage":{"prompt_tokens":20,"completion_tokens":1}}"#)
        try await withStubModel([stream, counts, counts, counts, counts, stream, counts], provider: "local") { model, server in
            for _ in 0..<2 {
                let (_, completion) = try await collect(model.stream(ChatRequest(prompt: "2+2?")))
                let usage = try #require(completion?.usage)
                #expect(usage.completionTokens == 6)
                #expect(usage.promptTokens == 20)  // 6 counted + (20 reported − 6 counted for the probe)
            }
            let uris = await server.requests().map(\.uri)
            #expect(uris.filter { $0 == "/v1/chat/completions" }.count == 3)  // two streams, one calibration
            #expect(uris.filter { $0 == "/extras/tokenize/count" }.count == 5)
            let probe = try #require(await server.requests().first { $0.uri == "/v1/chat/completions" && !$0.body.contains("stream") })
            #expect(try jsonBody(probe)["max_tokens"] == 1)
        }
    }

    @Test("a refusal is returned as content-filtered text")
    func refusal() async throws {
        let body = #"{"id":"x","model":"m","choices":[{"index":0,"message":{"role":"assistant","content":null,"refusal":"I can't help with that."},"finish_reason":"stop"}]}"#
        try await withStubModel([.json(body)]) { model, _ in
            let completion = try await model.complete(ChatRequest(prompt: "q"))
            #expect(completion.finishReason == .contentFilter)
            #expect(completion.text == "I can't help with that.")
        }
    }
}
