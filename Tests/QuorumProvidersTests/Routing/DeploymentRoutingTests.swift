import QuorumCore
import QuorumProviders
import QuorumTesting
import Testing

@Suite("Deployments: routing and cooldown")
struct DeploymentRoutingTests {
    /// `gpt` on two stubs, `routing: cost` so the cheap (failing) one is always tried first.
    private func twoDeployments(_ cheap: StubServer, _ healthy: StubServer) -> ModelConfig {
        var config = stubModel("gpt")
        config.routing = "cost"
        config.cooldown = CooldownConfig(failures: 3, window: ConfigDuration(seconds: 60), duration: ConfigDuration(seconds: 30))
        config.deployments = [stubDeployment("cheap", cheap, price: "1"), stubDeployment("healthy", healthy, price: "5")]
        return config
    }

    @Test("a failing deployment is cooled down after three failures, traffic goes to the healthy one, and it returns after the cooldown")
    func cooldownMovesTrafficAndReturns() async throws {
        let clock = ManualClock()
        let cheapScript = [serverError, serverError, serverError, .json(openAIBody("cheap is back"))]
        try await withStubs([cheapScript, [.json(openAIBody("healthy answer"))]]) { servers in
            try await withRoutedModels([twoDeployments(servers[0], servers[1])], clock: clock) { models in
                let gpt = try #require(models["gpt"])
                for _ in 1...3 {
                    let answer = try await gpt.complete(ChatRequest(prompt: "q"))
                    #expect(answer.text == "healthy answer")
                    #expect(answer.route?.map(\.outcome) == [.failed, .answered])
                    #expect(answer.route?.first?.reason?.contains("upstream_unavailable") == true)
                }
                // Cooled down: the cheap deployment is passed over without a request.
                let during = try await gpt.complete(ChatRequest(prompt: "q"))
                #expect(during.text == "healthy answer")
                #expect(during.route?.first?.outcome == .skipped)
                #expect(during.route?.first?.reason?.contains("cooled down") == true)
                #expect(await servers[0].requests().count == 3)

                clock.advance(by: .seconds(31))
                let after = try await gpt.complete(ChatRequest(prompt: "q"))
                #expect(after.text == "cheap is back")
                #expect(after.route?.map(\.deployment) == ["cheap"])
                #expect(await servers[0].requests().count == 4)
            }
        }
    }

    @Test("a 429 with Retry-After moves to the next deployment at once and cools the limited one down for that long")
    func rateLimitMovesOn() async throws {
        let clock = ManualClock()
        let limited = StubResponse.json(
            #"{"error":{"message":"Rate limit reached","type":"requests"}}"#, status: .tooManyRequests,
            headers: [("retry-after", "120")])
        try await withStubs([[limited, .json(openAIBody("cheap again"))], [.json(openAIBody("healthy answer"))]]) { servers in
            try await withRoutedModels([twoDeployments(servers[0], servers[1])], clock: clock) { models in
                let gpt = try #require(models["gpt"])
                let first = try await gpt.complete(ChatRequest(prompt: "q"))
                #expect(first.text == "healthy answer")
                #expect(first.route?.first?.reason?.hasPrefix("rate_limited") == true)
                // No retry on the limited deployment: the next deployment was the retry.
                #expect(await servers[0].requests().count == 1)

                _ = try await gpt.complete(ChatRequest(prompt: "q"))
                #expect(await servers[0].requests().count == 1)
                clock.advance(by: .seconds(121))
                #expect(try await gpt.complete(ChatRequest(prompt: "q")).text == "cheap again")
            }
        }
    }

    @Test("when every deployment is down the fallback models answer in order, and the route names every attempt and its reason")
    func orderedFallbacks() async throws {
        let unavailable = StubResponse.json(#"{"error":{"message":"overloaded"}}"#, status: .serviceUnavailable)
        try await withStubs([[unavailable], [unavailable], [serverError], [.json(openAIBody("backup answer"))]]) { servers in
            var primary = stubModel("primary")
            primary.routing = "cost"
            primary.deployments = [stubDeployment("east", servers[0], price: "1"), stubDeployment("west", servers[1], price: "2")]
            primary.fallbacks = ["dead", "backup"]
            var dead = stubModel("dead", servers[2])
            dead.retries = 0
            let configs = [primary, dead, stubModel("backup", servers[3])]
            try await withRoutedModels(configs) { models in
                let answer = try await #require(models["primary"]).complete(ChatRequest(prompt: "q"))
                #expect(answer.text == "backup answer")
                let route = try #require(answer.route)
                #expect(route.map { "\($0.model)/\($0.deployment) \($0.outcome.rawValue)" } == [
                    "primary/east failed", "primary/west failed", "dead/openai failed", "backup/openai answered",
                ])
                #expect(route.dropLast().allSatisfy { $0.reason != nil })
                #expect(route[2].reason?.contains("boom") == true)
            }
        }
    }

    @Test("an error that is the request's fault is not retried elsewhere")
    func invalidRequestStops() async throws {
        let invalid = StubResponse.json(#"{"error":{"message":"bad parameter"}}"#, status: .badRequest)
        try await withStubs([[invalid], [.json(openAIBody("never"))]]) { servers in
            var config = stubModel("gpt")
            config.fallbacks = ["other"]
            config.baseURL = servers[0].baseURL + "/v1"
            try await withRoutedModels([config, stubModel("other", servers[1])]) { models in
                let error = await quorumError { _ = try await models["gpt"]!.complete(ChatRequest(prompt: "q")) }
                #expect(error?.kind == .invalidRequest)
                #expect(error?.context["route"]?.contains("gpt/openai failed") == true)
                #expect(await servers[1].requests().isEmpty)
            }
        }
    }

    @Test("a request too long for the small model goes to its context-window fallback without calling it")
    func contextWindowFallback() async throws {
        try await withStubs([[.json(openAIBody("small"))], [.json(openAIBody("big answer"))]]) { servers in
            var small = stubModel("small", servers[0])
            small.contextWindow = 100
            small.contextWindowFallbacks = ["big"]
            try await withRoutedModels([small, stubModel("big", servers[1])]) { models in
                let long = String(repeating: "many words here ", count: 100)
                let answer = try await #require(models["small"]).complete(ChatRequest(prompt: long))
                #expect(answer.text == "big answer")
                #expect(answer.route?.first?.outcome == .skipped)
                #expect(answer.route?.first?.reason?.contains("context window of 100") == true)
                #expect(await servers[0].requests().isEmpty)

                // A short one still goes to the small model.
                #expect(try await models["small"]!.complete(ChatRequest(prompt: "hi")).text == "small")
            }
        }
    }

    @Test("a vendor's context-length error moves to the context-window fallback")
    func vendorContextError() async throws {
        let tooLong = StubResponse.json(
            #"{"error":{"message":"This model's maximum context length is 8192 tokens","code":"context_length_exceeded"}}"#,
            status: .badRequest)
        try await withStubs([[tooLong], [.json(openAIBody("big answer"))]]) { servers in
            var small = stubModel("small", servers[0])
            small.contextWindowFallbacks = ["big"]
            try await withRoutedModels([small, stubModel("big", servers[1])]) { models in
                let answer = try await #require(models["small"]).complete(ChatRequest(prompt: "q"))
                #expect(answer.text == "big answer")
                #expect(answer.route?.first?.reason?.hasPrefix("context_too_long") == true)
            }
        }
    }
}
