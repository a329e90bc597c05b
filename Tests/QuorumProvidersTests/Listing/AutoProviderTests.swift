import AsyncHTTPClient
import Foundation
import Logging
import QuorumCore
import QuorumProviders
import QuorumTesting
import Testing

@Suite("provider: auto and provider offers")
struct AutoProviderTests {
    static let openAIList = #"{"object": "list", "data": [{"id": "gpt-4o-mini"}, {"id": "gpt-4.1"}]}"#
    static let openRouterList = #"{"data": [{"id": "gpt-4o-mini"}, {"id": "meta-llama/llama-3.1-8b-instruct"}]}"#

    @Test("auto picks, among providers with a key whose listing offers the id, the cheapest by the price table")
    func cheapest() async throws {
        try await StubServer.run([.json(Self.openAIList)]) { openAI in
            try await StubServer.run([.json(Self.openRouterList)]) { openRouter in
                let environment = ["OPENAI_API_KEY": "sk-a", "OPENROUTER_API_KEY": "sk-b"]
                try await withModelFactory(environment: environment) { factory in
                    var config = QuorumConfig(models: [
                        ModelConfig(name: "cheap", provider: "auto", model: "gpt-4.1"),
                        ModelConfig(name: "llama", provider: "auto", model: "meta-llama/llama-3.1-8b-instruct"),
                        ModelConfig(name: "fixed", provider: "groq", model: "x"),
                    ])
                    config.models[2].apiKey = "k"
                    let urls = ["openai": openAI.baseURL + "/v1", "openrouter": openRouter.baseURL + "/v1"]
                    let resolved = try await factory.resolvingAutoProviders(config, baseURLs: urls)
                    // gpt-4.1 is listed by OpenAI only; the llama id only by OpenRouter.
                    #expect(resolved.models.map(\.provider) == ["openai", "openrouter", "groq"])
                    #expect(resolved.models[0].baseURL == urls["openai"])
                    // One listing call per provider, however many auto models.
                    let calls = (await openAI.requests().count, await openRouter.requests().count)
                    #expect(calls == (1, 1))
                }
            }
        }
    }

    @Test("with several qualifying providers the cheaper price wins; with none the error names the providers tried")
    func cheaperAndNone() async throws {
        let listing = #"{"data": [{"id": "gemini-2.5-flash"}, {"id": "gpt-4o-mini"}]}"#
        try await StubServer.run([.json(listing)]) { server in
            let environment = ["OPENAI_API_KEY": "sk-a", "GROQ_API_KEY": "gsk"]
            try await withModelFactory(environment: environment) { factory in
                let urls = ["openai": server.baseURL + "/v1", "groq": server.baseURL + "/v1"]
                let config = QuorumConfig(models: [ModelConfig(name: "m", provider: "auto", model: "gpt-4o-mini")])
                // Both list it; only OpenAI has a price for it, and a priced provider ranks before an unpriced one.
                #expect(try await factory.resolvingAutoProviders(config, baseURLs: urls).models[0].provider == "openai")
                let missing = QuorumConfig(models: [ModelConfig(name: "m", provider: "auto", model: "no-such-model")])
                do {
                    _ = try await factory.resolvingAutoProviders(missing, baseURLs: urls)
                    Issue.record("no provider offers it")
                } catch let error as QuorumError {
                    #expect(error.kind == .configuration && error.message.contains("groq, openai"))
                }
            }
        }
        try await withModelFactory(environment: [:]) { factory in
            let config = QuorumConfig(models: [ModelConfig(name: "m", provider: "auto", model: "gpt-4o-mini")])
            await #expect(throws: QuorumError.self) { try await factory.resolvingAutoProviders(config) }
        }
    }

    @Test("a provider's offers are its listed ids with Quorum's prices where known")
    func offers() async throws {
        try await StubServer.run([.json(Self.openAIList)]) { server in
            try await withModelFactory(environment: ["OPENAI_API_KEY": "sk-a"]) { factory in
                let offers = try await factory.offers(of: "openai", baseURL: server.baseURL + "/v1")
                #expect(offers.map(\.id) == ["gpt-4.1", "gpt-4o-mini"])
                #expect(offers[0].price?.input == USD(string: "2.00"))
                #expect(offers[1].contextWindow != nil)
            }
        }
    }
}

extension AutoProviderTests {
    @Test("a probe of an auto model says why no provider qualifies")
    func probeAuto() async throws {
        try await withModelFactory(environment: [:]) { factory in
            let probe = await factory.probe([ModelConfig(name: "m", provider: "auto", model: "gpt-4o-mini")], localRuntime: nil)
            #expect(probe.first?.isReady == false && probe.first?.reason?.contains("no provider has a key") == true)
        }
    }
}
