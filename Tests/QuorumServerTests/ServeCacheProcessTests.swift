import AsyncHTTPClient
import Foundation
import NIOCore
import QuorumCore
import QuorumTesting
import Testing

/// The `quorum` executable `swift build --build-tests` leaves beside the tests, if there.
/// `quorum serve` as a process with `cache:` in its YAML and a SQLite `server.store`: the wiring
/// from configuration to store, and answers that outlive a restart.
@Suite("Serve: response cache in the store", .enabled(if: quorumBinary != nil, "needs the quorum executable (swift build)"))
struct ServeCacheProcessTests {
    static let answer = #"{"id":"x","choices":[{"index":0,"message":{"content":"cached 42"},"finish_reason":"stop"}],"usage":{"prompt_tokens":3,"completion_tokens":2}}"#

    /// Starts `quorum serve` on `config`; returns it and its port once it listens.
    func serve(_ config: URL) async throws -> (ChildProcess, Int) {
        try await startServe(config)
    }

    func chat(port: Int) async throws -> (cache: String?, body: String) {
        var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)/v1/chat/completions")
        request.method = .POST
        request.headers.add(name: "content-type", value: "application/json")
        request.body = .bytes(ByteBuffer(string: #"{"model":"m","messages":[{"role":"user","content":"hi"}]}"#))
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(60))
        let body = String(buffer: try await response.body.collect(upTo: 1 << 20))
        return (response.headers.first(name: "x-quorum-cache"), body)
    }

    @Test("a repeated request is a hit, and still one after a restart on the same store; the upstream saw one call")
    func survivesRestart() async throws {
        let folder = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("quorum-serve-cache-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try await StubServer.run([.json(Self.answer)]) { upstream in
            let config = folder.appendingPathComponent("serve.yaml")
            try """
                models:
                  - name: m
                    provider: openai
                    base_url: "\(upstream.baseURL)/v1"
                    model: m
                    retries: 0
                    price: {input: 1, output: 2}
                    parameters: {temperature: 0}
                    cache: {ttl: 1h}
                server:
                  store: serve.db
                """.write(to: config, atomically: true, encoding: .utf8)
            var outcomes: [String?] = []
            for _ in 0..<2 {
                let (process, port) = try await serve(config)
                defer { process.signalGroup(SIGKILL) }  // only if a request threw; gone otherwise
                for _ in 0..<2 {
                    let reply = try await chat(port: port)
                    #expect(reply.body.contains("cached 42"))
                    outcomes.append(reply.cache)
                }
                // Stopped and reaped before the next server opens the same store.
                await process.terminate(grace: .seconds(10))
            }
            #expect(outcomes == ["miss", "hit", "hit", "hit"])
            #expect(await upstream.requests().count == 1)

            // `quorum cache` sees the answer in the store and clears it: the next request is a miss.
            let store = folder.appendingPathComponent("serve.db").path
            let stats = try await quorumCommand(["cache", "stats", "--store", store, "--json"], in: folder)
            let scopes = try #require(try JSONSerialization.jsonObject(with: Data(stats.output.utf8)) as? [[String: Any]])
            #expect(scopes.map { $0["scope"] as? String } == ["m"])
            #expect(scopes.first?["entries"] as? Int == 1)
            let missing = try await quorumCommand(["cache", "stats", "--store", folder.appendingPathComponent("typo.db").path], in: folder)
            #expect(missing.status != 0 && missing.output.contains("no SQLite store at"))
            #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("typo.db").path))
            let cleared = try await quorumCommand(["cache", "clear", "--store", store, "--scope", "m"], in: folder)
            #expect(cleared.status == 0)
            #expect(cleared.output.contains("deleted 1 cached answer of m"))
            let (process, port) = try await serve(config)
            defer { process.signalGroup(SIGKILL) }
            #expect(try await chat(port: port).cache == "miss")
            await process.terminate(grace: .seconds(10))
            #expect(await upstream.requests().count == 2)
        }
    }
}
