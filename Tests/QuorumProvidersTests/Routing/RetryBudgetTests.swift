import QuorumCore
import QuorumProviders
import QuorumTesting
import Testing

@Suite("Deployments: retries do not multiply")
struct RetryBudgetTests {
    @Test("a deployment that times out is left for the next one")
    func timeoutMovesOn() async throws {
        let slow = StubResponse.json(openAIBody("too late"), headDelay: .seconds(5))
        try await withStubs([[slow], [.json(openAIBody("fast answer"))]]) { servers in
            var config = stubModel("gpt")
            config.routing = "cost"
            var slowDeployment = stubDeployment("slow", servers[0], price: "1")
            slowDeployment.timeout = ConfigDuration(seconds: 0.3)
            config.deployments = [slowDeployment, stubDeployment("fast", servers[1], price: "2")]
            try await withRoutedModels([config]) { models in
                let answer = try await #require(models["gpt"]).complete(ChatRequest(prompt: "q"))
                #expect(answer.text == "fast answer")
                #expect(answer.route?.first?.reason?.hasPrefix("timeout") == true)
            }
        }
    }

    @Test("a deployment retries only as its config says, then the route moves on")
    func configuredRetries() async throws {
        try await withStubs([[serverError, serverError, .json(openAIBody("third"))], [.json(openAIBody("other"))]]) { servers in
            var config = stubModel("gpt")
            config.routing = "cost"
            var flaky = stubDeployment("flaky", servers[0], price: "1")
            flaky.retries = 1
            config.deployments = [flaky, stubDeployment("other", servers[1], price: "2")]
            try await withRoutedModels([config]) { models in
                let answer = try await #require(models["gpt"]).complete(ChatRequest(prompt: "q"))
                #expect(answer.text == "other")
                #expect(await servers[0].requests().count == 2)
            }
        }
    }

    @Test("a model with fallbacks and no retries in its config tries once before falling back")
    func noRetriesBeforeFallback() async throws {
        try await withStubs([[serverError, .json(openAIBody("second"))], [.json(openAIBody("backup"))]]) { servers in
            var config = stubModel("gpt", servers[0])
            config.fallbacks = ["backup"]
            try await withRoutedModels([config, stubModel("backup", servers[1])]) { models in
                let answer = try await #require(models["gpt"]).complete(ChatRequest(prompt: "q"))
                #expect(answer.text == "backup")
                #expect(await servers[0].requests().count == 1)
            }
        }
    }

    @Test("when every deployment is cooled down the first to return is tried rather than failing without a call")
    func lastResort() async throws {
        try await withStubs([[serverError, .json(openAIBody("recovered"))]]) { servers in
            var config = stubModel("gpt")
            config.cooldown = CooldownConfig(failures: 1, window: ConfigDuration(seconds: 60), duration: ConfigDuration(seconds: 30))
            config.deployments = [stubDeployment("only", servers[0], price: "1")]
            try await withRoutedModels([config]) { models in
                let gpt = try #require(models["gpt"])
                let error = await quorumError { _ = try await gpt.complete(ChatRequest(prompt: "q")) }
                #expect(error?.kind == .upstreamUnavailable)
                #expect(error?.context["route"] == "gpt/only failed: upstream_unavailable: the vendor is unavailable: boom")
                let answer = try await gpt.complete(ChatRequest(prompt: "q"))
                #expect(answer.text == "recovered")
                #expect(answer.route?.map(\.outcome) == [.skipped, .answered])
            }
        }
    }
}
