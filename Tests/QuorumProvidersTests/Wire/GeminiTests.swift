import QuorumCore
import QuorumProviders
import Testing

enum GeminiFixtures {
    static let answer = #"""
        {"candidates":[{"content":{"parts":[{"text":"Paris"}],"role":"model"},"finishReason":"STOP","index":0}],
         "usageMetadata":{"promptTokenCount":20,"candidatesTokenCount":2,"totalTokenCount":30,"cachedContentTokenCount":8,"thoughtsTokenCount":8},
         "modelVersion":"gemini-2.5-flash","responseId":"resp-abc"}
        """#

    static func stream(_ pieces: [String], finish: Bool = true) -> [String] {
        var payloads = pieces.enumerated().map { index, piece in
            let last = finish && index == pieces.count - 1
            return #"{"candidates":[{"content":{"parts":[{"text":"# + jsonString(piece) + #"}],"role":"model"}"#
                + (last ? #","finishReason":"STOP""# : "") + #","index":0}],"usageMetadata":{"promptTokenCount":7,"candidatesTokenCount":"#
                + "\(index + 1)" + #"},"modelVersion":"gemini-2.5-flash","responseId":"r1"}"#
        }
        if payloads.isEmpty { payloads = [] }
        return payloads.map { "data: \($0)\r\n\r\n" }
    }
}

@Suite("Google Gemini")
struct GeminiTests {
    @Test("generateContent: systemInstruction, model turns, generationConfig and usageMetadata")
    func complete() async throws {
        try await withStubModel([.json(GeminiFixtures.answer)], provider: "gemini", model: "gemini-2.5-flash", configure: {
            $0.parameters = GenerationParameters(temperature: 0, maxTokens: 100)
        }) { model, server in
            let request = ChatRequest(messages: [.system("Answer in one word."), .user("Capital of France?"), .assistant("Paris"), .user("Sure?")])
            let completion = try await model.complete(request)
            #expect(completion.text == "Paris")
            #expect(completion.usage == Usage(promptTokens: 20, completionTokens: 10, cachedPromptTokens: 8))
            #expect(completion.requestID == "resp-abc")
            let sent = try #require(await server.requests().first)
            #expect(sent.uri == "/v1/models/gemini-2.5-flash:generateContent")
            #expect(sent.header("x-goog-api-key") == secretKey)
            #expect(!sent.uri.contains(secretKey))
            let json = try jsonBody(sent)
            #expect(json["systemInstruction"] == ["parts": [["text": "Answer in one word."]]])
            #expect(json["contents"]?.arrayValue?.map { $0["role"] } == ["user", "model", "user"])
            #expect(json["generationConfig"] == ["temperature": 0, "maxOutputTokens": 100])
        }
    }

    @Test("a schema becomes responseSchema in Gemini's OpenAPI subset")
    func structured() async throws {
        let schema: JSONValue = [
            "$schema": "http://json-schema.org/draft-07/schema#", "type": "object", "additionalProperties": false,
            "properties": ["answer": ["type": ["string", "null"], "title": "Answer"]], "required": ["answer"],
        ]
        var request = ChatRequest(prompt: "q")
        request.responseFormat = .jsonSchema(name: "a", schema: schema)
        try await withStubModel([.json(GeminiFixtures.answer)], provider: "gemini") { model, server in
            _ = try await model.complete(request)
            let config = try jsonBody(try #require(await server.requests().first))["generationConfig"]
            #expect(config?["responseMimeType"] == "application/json")
            #expect(config?["responseSchema"] == [
                "type": "object", "properties": ["answer": ["type": "string", "nullable": true]], "required": ["answer"],
            ])
        }
    }

    @Test("streamGenerateContent?alt=sse ends at the chunk with a finishReason")
    func stream() async throws {
        try await withStubModel([.sse(GeminiFixtures.stream(["Par", "is"]))], provider: "gemini", model: "gemini-2.5-flash") { model, server in
            let (text, completion) = try await collect(model.stream(ChatRequest(prompt: "Capital?")))
            #expect(text == "Paris")
            #expect(completion?.usage == Usage(promptTokens: 7, completionTokens: 2))
            #expect(await server.requests().first?.uri == "/v1/models/gemini-2.5-flash:streamGenerateContent?alt=sse")
        }
    }

    @Test("a stream that ends without a finishReason is interrupted")
    func cut() async throws {
        try await withStubModel([.sse(GeminiFixtures.stream(["Par"], finish: false))], provider: "gemini", configure: { $0.retries = 0 }) { model, _ in
            let error = await quorumError { _ = try await collect(model.stream(ChatRequest(prompt: "q"))) }
            #expect(error?.kind == .streamInterrupted)
        }
    }

    @Test("a blocked prompt is a content-filtered error; Gemini's error body is typed")
    func errors() async throws {
        let blocked = #"{"promptFeedback":{"blockReason":"SAFETY"},"usageMetadata":{"promptTokenCount":5}}"#
        try await withStubModel([.json(blocked)], provider: "gemini") { model, _ in
            let error = await quorumError { _ = try await model.complete(ChatRequest(prompt: "q")) }
            #expect(error?.kind == .contentFiltered)
        }
        let invalidKey = #"{"error":{"code":400,"message":"API key not valid. Please pass a valid API key.","status":"INVALID_ARGUMENT"}}"#
        try await withStubModel([.json(invalidKey, status: .badRequest)], provider: "gemini") { model, _ in
            let error = await quorumError { _ = try await model.complete(ChatRequest(prompt: "q")) }
            #expect(error?.kind == .invalidRequest)
            #expect(error?.context["vendor_error"] == "INVALID_ARGUMENT")
        }
        let unavailable = #"{"error":{"code":503,"message":"The model is overloaded. Please try again later.","status":"UNAVAILABLE"}}"#
        try await withStubModel([.json(unavailable, status: .serviceUnavailable), .json(GeminiFixtures.answer)], provider: "gemini") { model, _ in
            let completion = try await model.complete(ChatRequest(prompt: "q"))
            #expect(completion.attempts == 2)
        }
    }
}
