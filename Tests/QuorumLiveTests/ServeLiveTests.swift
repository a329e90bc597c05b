import AsyncHTTPClient
import Foundation
import Logging
import QuorumCore
import QuorumEvaluation
import QuorumProviders
import QuorumRuntime
import QuorumServer
import Testing

/// `quorum serve`'s gateway, driven by the official `openai` Python package, in front of real
/// local llama.cpp servers: a model streamed straight through and a cascade as a model.
@Suite("Serve (live)", .enabled(if: LiveEnvironment.isEnabled), .serialized)
struct ServeLiveTests {
    static let config = """
        models:
          - {name: tiny, provider: local, model: smollm2-135m, price: {input: 0.02, output: 0.04}, parameters: {temperature: 0}}
          - {name: small, provider: local, model: qwen2.5-coder-0.5b, price: {input: 0.05, output: 0.10}, parameters: {temperature: 0}}
        systems:
          - {name: cascade, type: cascade, levels: [tiny, small], gate: {verifier: regex, pattern: "^\\\\s*\\\\d+\\\\s*$"}}
        server: {api_keys: [live-test-key]}
        """

    @Test("the openai client gets answers, streams with usage, and OpenAI errors from a model and a cascade")
    func openAIClient() async throws {
        let python = LiveEnvironment.quorumHome.appendingPathComponent("openai-venv/bin/python").path
        try #require(FileManager.default.isExecutableFile(atPath: python), "run scripts/python-venv.sh first (make test-live does)")
        let loaded = ConfigLoader().load(yaml: Self.config, file: "serve-live.yaml", directory: nil)
        let config = try #require(loaded.config)
        var report: [String: Any] = [:]
        try await LiveLocalSession.run(label: "serve-live", portBase: 18_760) { session in
            report = try await exercise(config, python: python, session: session)
        }

        #expect((report["models"] as? [String])?.sorted() == ["cascade", "small", "tiny"])
        let results = try #require(report["results"] as? [String: [String: Any]])
        for model in ["tiny", "cascade"] {
            let result = try #require(results[model])
            #expect(!(result["text"] as? String ?? "").isEmpty, "\(model) answered nothing")
            #expect(((result["usage"] as? [String: Any])?["prompt_tokens"] as? Int ?? 0) > 0)
            #expect(!(result["stream_text"] as? String ?? "").isEmpty, "\(model) streamed nothing")
            #expect(((result["stream_usage"] as? [String: Any])?["completion_tokens"] as? Int ?? 0) > 0)
        }
        // A cascade's usage covers every level it tried, so it is at least the first level's.
        let cascadeUsage = results["cascade"]?["usage"] as? [String: Any]
        #expect((cascadeUsage?["prompt_tokens"] as? Int ?? 0) >= (results["tiny"]?["usage"] as? [String: Any])?["prompt_tokens"] as? Int ?? 0)
        let errors = try #require(report["errors"] as? [String: [String: Any]])
        #expect(errors["unknown_model"]?["status"] as? Int == 404)
        #expect(errors["empty_messages"]?["status"] as? Int == 400)
        #expect(errors["empty_messages"]?["param"] as? String == "messages")
        #expect(errors["wrong_key"]?["status"] as? Int == 401)
    }
    /// Serves the config's models and systems on an ephemeral port and runs the `openai` client script against it.
    private func exercise(_ config: QuorumConfig, python: String, session: LiveLocalSession) async throws -> [String: Any] {
        // The clients `quorum serve` uses: llama.cpp's plain-HTTP servers are reached through `LoopHTTPClient`.
        let clients = HTTPClients.perEventLoop(configuration: HTTPClient.Configuration())
        do {
            let report = try await exercise(config, python: python, session: session, clients: clients)
            try await clients.shutdown()
            return report
        } catch {
            try? await clients.shutdown()
            throw error
        }
    }

    private func exercise(
        _ config: QuorumConfig, python: String, session: LiveLocalSession, clients: HTTPClients
    ) async throws -> [String: Any] {
        let assembly = try await Assembly.assemble(
            config, clients: clients, runtime: session.runtime, logger: session.logger)
        var targets = assembly.models.mapValues { ServedTarget.model($0) }
        for (name, system) in assembly.catalog.systems { targets[name] = .system(system) }
        let settings = GatewaySettings(port: 0, apiKeys: ["live-test-key"])
        let gateway = Gateway(targets: targets, models: assembly.models, settings: settings, logger: session.logger)
        let (ports, portContinuation) = AsyncStream.makeStream(of: Int.self)
        let script = LiveEnvironment.repositoryRoot.appendingPathComponent("Tests/QuorumLiveTests/Python/openai_client_check.py").path
        let output: String = try await withThrowingTaskGroup(of: String?.self) { group in
            group.addTask {
                try await gateway.run { port in portContinuation.yield(port) }
                return nil
            }
            var iterator = ports.makeAsyncIterator()
            let port = try #require(await iterator.next())
            let result = try await LiveEnvironment.run(python, [script, "http://127.0.0.1:\(port)/v1", "live-test-key", "tiny", "cascade"])
            group.cancelAll()
            #expect(result.status == 0, "\(result.error)")
            return result.output
        }
        return try #require(JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any])
    }
}
