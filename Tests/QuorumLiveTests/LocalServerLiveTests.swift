import AsyncHTTPClient
import Foundation
import QuorumCore
import QuorumProviders
import Testing

/// What llama.cpp's own server gives the layers above: token logprobs on chat completions, an
/// embedding server on the same weights, and parallel slots. Runs with `QUORUM_LIVE=1` against
/// SmolLM2-135M from `$QUORUM_HOME`, on private ports.
@Suite("llama-server features", .enabled(if: LiveEnvironment.isEnabled), .serialized)
struct LocalServerLiveTests {
    static let model = "smollm2-135m"

    @Test("asked for logprobs, the answer carries one per token, each ≤ 0, with the asked-for alternatives")
    func logprobs() async throws {
        try await LiveLocalSession.run(label: "live-logprobs", portBase: 18_800) { session in
            let url = try #require(try await session.runtime.ensureRunning(models: [Self.model])[Self.model])
            let config = ModelConfig(name: "live", provider: "local", model: Self.model)
            let model = try ModelFactory(httpClient: session.httpClient, logger: session.logger)
                .makeModel(config, baseURLOverride: url)
            let request = ChatRequest(
                prompt: "What is 2 + 2? Answer with the number only.",
                parameters: GenerationParameters(temperature: 0, maxTokens: 8, logprobs: 3))
            let completion = try await model.complete(request)
            let tokens = try #require(completion.logprobs)
            #expect(!tokens.isEmpty)
            #expect(tokens.count <= completion.usage.completionTokens + 1)
            #expect(tokens.allSatisfy { $0.logprob <= 0 && $0.logprob.isFinite })
            #expect(tokens.allSatisfy { $0.top.count == 3 })
            // The chosen token at temperature 0 is the likeliest one.
            #expect(tokens.allSatisfy { $0.top.first?.logprob ?? 0 >= $0.logprob - 1e-6 })
            let streamed = try await collectFinal(model.stream(request))
            // A whole answer also lists the end-of-turn token (empty text); a stream does not.
            let streamedCount = try #require(streamed?.logprobs?.count)
            #expect(streamedCount == tokens.count || streamedCount == tokens.count - 1)
        }
    }

    @Test("a local model's embedding server gives one vector per text, alike in size, unlike in value")
    func embeddings() async throws {
        try await LiveLocalSession.run(label: "live-embed", portBase: 18_820) { session in
            let server = try session.runtime.catalog.model(named: Self.model).embeddingServer
            let url = try await session.runtime.ensureRunning(server)
            let client = EmbeddingClient(baseURL: url.absoluteString, model: server.name, client: session.httpClient)
            let vectors = try await client.embed(["What is 2 + 2?", "Paris is the capital of France.", "What is 2 + 2?"])
            #expect(vectors.count == 3)
            #expect(vectors.allSatisfy { $0.count == vectors[0].count && $0.count >= 64 })
            #expect(vectors[0] != vectors[1])
            #expect(zip(vectors[0], vectors[2]).allSatisfy { abs($0 - $1) < 1e-4 })
        }
    }

    @Test("the chat server runs parallel slots, so concurrent requests are decoded together")
    func parallelSlots() async throws {
        try await LiveLocalSession.run(label: "live-slots", portBase: 18_840) { session in
            guard session.runtime.configuration.server == .llamaServer else { return }
            let url = try await session.runtime.ensureRunning(models: [Self.model])[Self.model]
            let root = try #require(url).absoluteString.replacingOccurrences(of: "/v1", with: "")
            let response = try await session.httpClient.execute(HTTPClientRequest(url: root + "/props"), timeout: .seconds(10))
            let body = try await response.body.collect(upTo: 1 << 22)
            let props = try JSONDecoder().decode(JSONValue.self, from: Data(buffer: body))
            #expect(props["total_slots"]?.numberValue == Double(session.runtime.configuration.parallelSlots))
        }
    }

    private func collectFinal(_ stream: AsyncThrowingStream<CompletionDelta, Error>) async throws -> Completion? {
        for try await delta in stream where delta.completion != nil { return delta.completion }
        return nil
    }
}
