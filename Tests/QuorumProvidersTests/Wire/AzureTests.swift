import QuorumCore
import QuorumProviders
import QuorumTesting
import Testing

@Suite("Azure OpenAI")
struct AzureTests {
    @Test("calls the deployment URL with api-version and the api-key header")
    func deploymentURL() async throws {
        try await withStubModel([.json(openAIBody("hi"), headers: [("apim-request-id", "az-1")])], provider: "azure", model: "gpt-4o", configure: {
            $0.deployment = "prod-gpt4o"
            $0.apiVersion = "2024-10-21"
        }) { model, server in
            let completion = try await model.complete(ChatRequest(prompt: "q"))
            #expect(completion.requestID == "az-1")
            let request = try #require(await server.requests().first)
            #expect(request.uri == "/v1/openai/deployments/prod-gpt4o/chat/completions?api-version=2024-10-21")
            #expect(request.header("api-key") == secretKey)
            #expect(request.header("authorization") == nil)
        }
    }

    @Test("Azure's stream opens with a prompt-filter chunk that has no choices")
    func promptFilterChunk() async throws {
        let filter = #"{"choices":[],"created":0,"id":"","model":"","object":"","prompt_filter_results":[{"prompt_index":0,"content_filter_results":{}}]}"#
        let events = StubResponse.dataEvents([filter]) + openAIStream(["ok"])
        try await withStubModel([.sse(events)], provider: "azure") { model, _ in
            let (text, completion) = try await collect(model.stream(ChatRequest(prompt: "q")))
            #expect(text == "ok")
            #expect(completion?.finishReason == .stop)
        }
    }

    @Test("a content-filter refusal is a typed error")
    func contentFilter() async throws {
        let body = #"{"error":{"message":"The response was filtered due to the prompt triggering Azure OpenAI's content management policy.","type":null,"param":"prompt","code":"content_filter","status":400}}"#
        try await withStubModel([.json(body, status: .badRequest)], provider: "azure") { model, _ in
            let error = await quorumError { _ = try await model.complete(ChatRequest(prompt: "q")) }
            #expect(error?.kind == .contentFiltered)
        }
    }
}
