import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import QuorumCore
import QuorumTesting
import Testing

/// The `quorum` executable `swift build --build-tests` leaves beside the tests, if there.
/// `quorum keys` and `quorum serve --virtual-keys` as processes, the way an operator uses them.
/// Children are awaited by polling (`ChildProcess`), never by a blocking wait.
@Suite("Keys: the commands", .enabled(if: quorumBinary != nil, "needs the quorum executable (swift build)"))
struct KeysCommandTests {
    static let answer = #"{"id":"x","choices":[{"index":0,"message":{"content":"42"},"finish_reason":"stop"}],"usage":{"prompt_tokens":10,"completion_tokens":5}}"#

    func quorum(_ arguments: [String], in folder: URL) async throws -> (status: Int32, output: String) {
        try await quorumCommand(arguments, in: folder)
    }

    /// Starts `quorum serve` in front of `upstream` with `server: {store, virtual_keys: true}` in its
    /// config; returns it and its port.
    func serve(upstream: String, store: String, in folder: URL) async throws -> (ChildProcess, Int) {
        let config = folder.appendingPathComponent("serve.yaml")
        try """
            server: {store: "\(store)", virtual_keys: true}
            models:
              - {name: upstream, provider: openai, base_url: "\(upstream)/v1", model: stub, retries: 0, price: {input: 1, output: 2}}
              - {name: other, provider: openai, base_url: "\(upstream)/v1", model: stub, retries: 0}
            """.write(to: config, atomically: true, encoding: .utf8)
        return try await startServe(config)
    }

    func chat(port: Int, key: String?, model: String = "upstream") async throws -> HTTPResponseStatus {
        var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)/v1/chat/completions")
        request.method = .POST
        request.headers.add(name: "content-type", value: "application/json")
        if let key { request.headers.add(name: "authorization", value: "Bearer \(key)") }
        request.body = .bytes(ByteBuffer(string: #"{"model":"\#(model)","messages":[{"role":"user","content":"hi"}],"max_tokens":5}"#))
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(60))
        _ = try await response.body.collect(upTo: 1 << 20)
        return response.status
    }

    @Test("create prints the key once, serve (server.virtual_keys) accepts it for its models only, list shows the spend, revoke stops it")
    func createServeListRevoke() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("quorum-keys-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = folder.appendingPathComponent("keys.db").path
        let created = try await quorum(
            ["keys", "create", "--name", "team-a", "--budget-usd", "1", "--rpm", "600", "--models", "upstream", "--store", store, "--json"],
            in: folder)
        #expect(created.status == 0)
        let key = try #require(
            (try JSONSerialization.jsonObject(with: Data(created.output.utf8)) as? [String: Any])?["key"] as? String)
        #expect(key.hasPrefix("sk-quorum-"))
        #expect(try await quorum(["keys", "create", "--name", "team-a", "--store", store], in: folder).status != 0)

        try await StubServer.run([.json(Self.answer)]) { upstream in
            let (server, port) = try await serve(upstream: upstream.baseURL, store: store, in: folder)
            do {
                #expect(try await chat(port: port, key: key) == .ok)
                #expect(try await chat(port: port, key: key, model: "other") == .forbidden)
                #expect(try await chat(port: port, key: nil) == .unauthorized)
                let listed = try await quorum(["keys", "list", "--config", folder.appendingPathComponent("serve.yaml").path, "--json"], in: folder)
                let listing = try #require((try JSONSerialization.jsonObject(with: Data(listed.output.utf8)) as? [[String: Any]])?.first)
                #expect((listing["spending"] as? [String: Any])?["spent"] as? String == "0.00002")
                #expect(!listed.output.contains(key))
                #expect(try await quorum(["keys", "revoke", "team-a", "--store", store], in: folder).status == 0)
                #expect(try await chat(port: port, key: key) == .unauthorized)
            } catch {
                _ = await server.terminate(grace: .seconds(5))
                throw error
            }
            _ = await server.terminate(grace: .seconds(5))
        }
    }

    @Test("a gateway killed mid-request leaves its estimate held; keys list shows it and keys release frees it")
    func releaseAfterKill() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("quorum-keys-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = folder.appendingPathComponent("keys.db").path
        let created = try await quorum(["keys", "create", "--name", "team-a", "--store", store], in: folder)
        let key = try #require(created.output.split(separator: "\n").first { $0.hasPrefix("sk-quorum-") }).description

        func held() async throws -> String? {
            let listed = try await quorum(["keys", "list", "--store", store, "--json"], in: folder)
            let listing = (try JSONSerialization.jsonObject(with: Data(listed.output.utf8)) as? [[String: Any]])?.first
            return (listing?["spending"] as? [String: Any])?["reserved"] as? String
        }
        try await StubServer.run([.json(Self.answer, headDelay: .seconds(30))]) { upstream in
            let (server, port) = try await serve(upstream: upstream.baseURL, store: store, in: folder)
            let inFlight = Task { try await chat(port: port, key: key) }
            // The request is reserved before it is forwarded: wait until the upstream has it.
            for _ in 0..<200 where await upstream.requests().isEmpty { try await Task.sleep(for: .milliseconds(50)) }
            server.signalGroup(SIGKILL)
            _ = await server.terminate(grace: .seconds(5))
            _ = try? await inFlight.value
        }
        let left = try #require(try await held())
        #expect(left != "0", "the killed request's estimate is still held")

        let released = try await quorum(["keys", "release", "team-a", "--store", store], in: folder)
        #expect(released.status == 0)
        #expect(released.output.contains("released \(USD(string: left)?.formatted ?? left) held by team-a"))
        #expect(try await held() == "0")
        #expect(try await quorum(["keys", "release", "nobody", "--store", store], in: folder).status != 0)
    }
}
