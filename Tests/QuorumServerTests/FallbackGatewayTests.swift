import AsyncHTTPClient
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import QuorumCore
import QuorumProviders
import QuorumTesting
import Testing
@testable import QuorumServer

@Suite("Gateway: deployments and fallbacks")
struct FallbackGatewayTests {
    private static func answer(_ text: String) -> StubResponse {
        .json("""
            {"id":"c1","object":"chat.completion","created":1,"model":"m",\
            "choices":[{"index":0,"message":{"role":"assistant","content":"\(text)"},"finish_reason":"stop"}],\
            "usage":{"prompt_tokens":9,"completion_tokens":3,"total_tokens":12}}
            """)
    }

    private static func streamed(_ text: String) -> StubResponse {
        .sse(StubResponse.dataEvents([
            #"{"id":"c2","object":"chat.completion.chunk","model":"m","choices":[{"index":0,"delta":{"content":"\#(text)"},"finish_reason":null}]}"#,
            #"{"id":"c2","object":"chat.completion.chunk","model":"m","choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}"#,
            "[DONE]",
        ]))
    }

    @Test("a model whose deployment is down answers from its fallback, and the served trace lists both attempts")
    func fallbackAnswer() async throws {
        let down = StubResponse.json(#"{"error":{"message":"overloaded"}}"#, status: .serviceUnavailable)
        try await StubServer.run([down]) { primaryStub in
            try await StubServer.run([Self.answer("from the backup"), Self.streamed("from the backup")]) { backupStub in
                let (gateway, httpClient) = try Self.gateway(primary: primaryStub.baseURL, backup: backupStub.baseURL)
                let app = Application(router: try gateway.makeRouter())
                try await app.test(.router) { client in
                    let traceID = try await client.execute(
                        uri: "/v1/chat/completions", method: .post, body: chatBody("primary")
                    ) { response in
                        #expect(response.status == .ok)
                        let choice = try #require((try json(response.body)["choices"] as? [[String: Any]])?.first)
                        #expect((choice["message"] as? [String: Any])?["content"] as? String == "from the backup")
                        return try #require(response.headers[.quorumTraceID])
                    }
                    try await client.execute(uri: "/v1/traces/\(traceID)", method: .get) { response in
                        let call = try #require((try json(response.body)["trace"] as? [String: Any])?["call"] as? [String: Any])
                        let route = try #require(call["route"] as? [[String: Any]])
                        #expect(route.map { $0["outcome"] as? String } == ["failed", "answered"])
                        #expect(route.map { $0["model"] as? String } == ["primary", "backup"])
                        #expect((route[0]["reason"] as? String)?.contains("overloaded") == true)
                    }
                    try await client.execute(
                        uri: "/v1/chat/completions", method: .post, body: chatBody("primary", stream: true)
                    ) { response in
                        #expect(response.status == .ok)
                        #expect(String(buffer: response.body).contains("from the backup"))
                    }
                    try await client.execute(uri: "/metrics", method: .get) { response in
                        let text = String(buffer: response.body)
                        #expect(text.contains(#"quorum_deployment_failures_total{model="primary",deployment="openai"} 2"#))
                        #expect(text.contains(#"quorum_deployment_in_flight{model="backup",deployment="openai"} 0"#))
                    }
                }
                try await httpClient.shutdown()
            }
        }
    }

    @Test("a stream cut after its first words ends in an error event and never switches to the fallback")
    func cutStreamNeverSwitches() async throws {
        let pieces = ["Hel", "lo", " world"].map {
            #"{"id":"c3","object":"chat.completion.chunk","model":"m","choices":[{"index":0,"delta":{"content":"\#($0)"},"finish_reason":null}]}"#
        }
        let cut = StubResponse.sse(StubResponse.dataEvents(pieces), chunkDelay: .milliseconds(5), cutAfter: 2)
        try await StubServer.run([cut]) { primaryStub in
            try await StubServer.run([Self.streamed("from the backup")]) { backupStub in
                let (gateway, httpClient) = try Self.gateway(primary: primaryStub.baseURL, backup: backupStub.baseURL)
                try await Application(router: try gateway.makeRouter()).test(.router) { client in
                    try await client.execute(
                        uri: "/v1/chat/completions", method: .post, body: chatBody("primary", stream: true)
                    ) { response in
                        let text = String(buffer: response.body)
                        #expect(text.contains("Hel"))
                        #expect(text.contains("stream_interrupted"))
                        #expect(!text.contains("from the backup"))
                    }
                }
                #expect(await backupStub.requests().isEmpty)
                try await httpClient.shutdown()
            }
        }
    }

    /// A gateway serving `primary` (falling back to `backup`) and `backup`, each on its stub, and
    /// the HTTP client the caller shuts down.
    static func gateway(primary primaryURL: String, backup backupURL: String) throws -> (Gateway, HTTPClient) {
        var primary = ModelConfig(name: "primary", provider: "openai", model: "gpt-4o")
        primary.baseURL = primaryURL + "/v1"
        primary.fallbacks = ["backup"]
        var backup = ModelConfig(name: "backup", provider: "openai", model: "gpt-4o-mini")
        backup.baseURL = backupURL + "/v1"
        let httpClient = HTTPClient(eventLoopGroupProvider: .singleton)
        let factory = ModelFactory(httpClient: httpClient, logger: Logger(label: "test"), environment: [:])
        var models: [String: any ChatModel] = [:]
        for config in [primary, backup] { models[config.name] = try factory.makeModel(config) }
        models = factory.addingFallbacks(to: models, configs: [primary, backup])
        let gateway = Gateway(
            targets: models.mapValues { ServedTarget.model($0) }, models: models, settings: GatewaySettings(),
            logger: Logger(label: "test"))
        return (gateway, httpClient)
    }
}
