import AsyncHTTPClient
import Foundation
import Logging
import QuorumCore
import QuorumProviders
import QuorumTesting
import Testing

/// Probes and listings against stub servers speaking each vendor's listing format, 401 included.
@Suite("Model listing and probes")
struct ModelListingTests {
    static let key = "sk-test-secret-123456"

    func model(_ provider: String, _ id: String, base: String) -> ModelConfig {
        var config = ModelConfig(name: "m-\(provider)", provider: provider, model: id)
        config.baseURL = base
        config.apiKey = Self.key
        return config
    }

    @Test("an OpenAI-compatible /models listing finds the model, with the bearer key, and spends no tokens")
    func openAI() async throws {
        let body = #"{"object": "list", "data": [{"id": "gpt-4.1", "object": "model", "owned_by": "openai"}, {"id": "gpt-4o-mini", "object": "model"}]}"#
        try await StubServer.run([.json(body)]) { server in
            try await withModelFactory { factory in
                let probes = await factory.probe([model("groq", "gpt-4.1", base: server.baseURL + "/v1"), model("groq", "nope", base: server.baseURL + "/v1")], localRuntime: nil)
                #expect(probes.map(\.isReady) == [true, false])
                #expect(probes[1].hasModel == false && probes[1].reachable && probes[1].authorized)
                let requests = await server.requests()
                // One listing call for both models on the same endpoint and key; a GET, never a completion.
                #expect(requests.count == 1)
                #expect(requests.first?.method == "GET" && requests.first?.uri == "/v1/models")
                #expect(requests.first?.headers.contains { $0.0.lowercased() == "authorization" && $0.1 == "Bearer \(Self.key)" } == true)
            }
        }
    }

    @Test("Anthropic's /v1/models is followed page by page and a dated snapshot counts as the alias")
    func anthropic() async throws {
        let first = #"{"data": [{"type": "model", "id": "claude-opus-4-1-20250805", "display_name": "Opus"}], "has_more": true, "first_id": "claude-opus-4-1-20250805", "last_id": "claude-opus-4-1-20250805"}"#
        let second = #"{"data": [{"type": "model", "id": "claude-sonnet-4-5-20250929", "display_name": "Sonnet"}], "has_more": false, "first_id": "claude-sonnet-4-5-20250929", "last_id": "claude-sonnet-4-5-20250929"}"#
        try await StubServer.run([.json(first), .json(second)]) { server in
            try await withModelFactory { factory in
                let listing = try await factory.listModels(model("anthropic", "claude-sonnet-4-5", base: server.baseURL))
                #expect(listing.ids == ["claude-opus-4-1-20250805", "claude-sonnet-4-5-20250929"])
                #expect(listing.offers("claude-sonnet-4-5"))
                let requests = await server.requests()
                #expect(requests.map(\.uri) == ["/v1/models?limit=1000", "/v1/models?limit=1000&after_id=claude-opus-4-1-20250805"])
                #expect(requests.first?.headers.contains { $0.0.lowercased() == "x-api-key" } == true)
                #expect(requests.first?.headers.contains { $0.0.lowercased() == "anthropic-version" } == true)
            }
        }
    }

    @Test("Gemini's /v1beta/models names are read without their models/ prefix")
    func gemini() async throws {
        let body = #"{"models": [{"name": "models/gemini-2.5-flash", "displayName": "Gemini 2.5 Flash", "supportedGenerationMethods": ["generateContent"]}]}"#
        try await StubServer.run([.json(body)]) { server in
            try await withModelFactory { factory in
                let probes = await factory.probe([model("gemini", "gemini-2.5-flash", base: server.baseURL + "/v1beta")], localRuntime: nil)
                #expect(probes.first?.isReady == true)
                #expect(await server.requests().first?.uri == "/v1beta/models?pageSize=1000")
            }
        }
    }

    @Test("Azure lists with its api-key header and api-version")
    func azure() async throws {
        let body = #"{"data": [{"id": "gpt-4o", "object": "model", "status": "succeeded"}]}"#
        try await StubServer.run([.json(body)]) { server in
            try await withModelFactory { factory in
                let probes = await factory.probe([model("azure", "gpt-4o", base: server.baseURL)], localRuntime: nil)
                #expect(probes.first?.isReady == true)
                let request = await server.requests().first
                #expect(request?.uri == "/openai/models?api-version=2024-10-21")
                #expect(request?.headers.contains { $0.0.lowercased() == "api-key" } == true)
            }
        }
    }

    @Test("a 401 is reported as reachable but not authorized, with the vendor's reason and never the key")
    func unauthorized() async throws {
        let body = #"{"error": {"message": "Incorrect API key provided: sk-test-secret-123456", "type": "invalid_request_error"}}"#
        try await StubServer.run([.json(body, status: .unauthorized)]) { server in
            try await withModelFactory { factory in
                let probe = try #require(await factory.probe([model("openai", "gpt-4.1", base: server.baseURL + "/v1")], localRuntime: nil).first)
                #expect(probe.reachable && !probe.authorized && probe.hasModel == nil && !probe.isReady)
                let reason = try #require(probe.reason)
                #expect(reason.contains("401") && reason.contains("unauthorized") && reason.contains("Incorrect API key"))
                #expect(!reason.contains(Self.key))
            }
        }
    }

    @Test("403 and 404 name their kind; no key means nothing is sent; a closed port is unreachable")
    func otherFailures() async throws {
        try await StubServer.run([.json(#"{"error": {"message": "forbidden"}}"#, status: .forbidden), .json("{}", status: .notFound)]) { server in
            try await withModelFactory { factory in
                let config = model("mistral", "x", base: server.baseURL + "/v1")
                await #expect(throws: ListingFailure(.forbidden, status: 403, "forbidden")) { try await factory.listModels(config) }
                do {
                    _ = try await factory.listModels(config)
                    Issue.record("a 404 must fail")
                } catch {
                    #expect((error as? ListingFailure)?.kind == .notFound)
                }
                var keyless = config
                keyless.apiKey = nil
                let before = await server.requests().count
                let probe = await factory.probe([keyless], localRuntime: nil)
                #expect(probe.first?.reason?.contains("no-key") == true && probe.first?.authorized == false)
                #expect(await server.requests().count == before)
            }
        }
        try await withModelFactory { factory in
            let probe = await factory.probe([model("openai", "x", base: "http://127.0.0.1:9/v1")], localRuntime: nil, timeout: .seconds(5))
            #expect(probe.first?.reachable == false)
        }
    }
}

extension ModelListingTests {
    @Test("a local model is probed with the runtime: not installed, or not in the catalog, without any HTTP call")
    func local() async throws {
        let runtime = LocalRuntime(
            configuration: LocalRuntimeConfiguration(home: URL(fileURLWithPath: "/nonexistent-quorum-home")), logger: Logger(label: "t"))
        try await withModelFactory { factory in
            let probes = await factory.probe(
                [ModelConfig(name: "smol", provider: "local", model: "smollm2-135m"), ModelConfig(name: "x", provider: "local", model: "nope")],
                localRuntime: runtime)
            #expect(probes[0].isReady == false && probes[0].reason?.contains("not installed: quorum local install smollm2-135m") == true)
            #expect(probes[1].hasModel == false && probes[1].reason?.contains("not in the local catalog") == true)
            let withoutRuntime = await factory.probe([ModelConfig(name: "smol", provider: "local", model: "smollm2-135m")], localRuntime: nil)
            #expect(withoutRuntime.first?.reachable == false)
        }
    }
}
