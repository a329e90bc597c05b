import QuorumCore
import QuorumProviders
import QuorumTesting
import Testing

@Suite("Deployments: streaming fallbacks")
struct StreamingFallbackTests {
    private func primary(_ first: StubServer, fallback: String) -> ModelConfig {
        var config = stubModel("primary", first)
        config.fallbacks = [fallback]
        return config
    }

    @Test("a stream that fails before its first byte falls back", arguments: ["status", "cut"])
    func failsBeforeFirstByte(fault: String) async throws {
        let failing = fault == "status"
            ? StubResponse.json(#"{"error":{"message":"overloaded"}}"#, status: .serviceUnavailable)
            : StubResponse.sse(openAIStream(["never", "sent"]), cutAfter: 1)  // only the role chunk, no text
        try await withStubs([[failing], [.sse(openAIStream(["Hello", " there"]))]]) { servers in
            try await withRoutedModels([primary(servers[0], fallback: "backup"), stubModel("backup", servers[1])]) { models in
                let (text, completion) = try await collect(try #require(models["primary"]).stream(ChatRequest(prompt: "q")))
                #expect(text == "Hello there")
                #expect(completion?.route?.map(\.outcome) == [.failed, .answered])
                #expect(completion?.route?.last?.model == "backup")
            }
        }
    }

    @Test("a stream cut after its first chunk is surfaced as an error and never switches")
    func cutMidAnswer() async throws {
        let cut = StubResponse.sse(openAIStream(["Hel", "lo", " world"]), chunkDelay: .milliseconds(5), cutAfter: 3)
        try await withStubs([[cut], [.sse(openAIStream(["other answer"]))]]) { servers in
            try await withRoutedModels([primary(servers[0], fallback: "backup"), stubModel("backup", servers[1])]) { models in
                var received = ""
                let error = await quorumError {
                    for try await delta in try #require(models["primary"]).stream(ChatRequest(prompt: "q")) {
                        received += delta.text
                    }
                }
                #expect(received.hasPrefix("Hel"))
                #expect(!received.contains("other"))
                #expect(error?.kind == .streamInterrupted)
                #expect(await servers[1].requests().isEmpty)
            }
        }
    }
}
