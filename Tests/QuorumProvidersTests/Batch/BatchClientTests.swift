import AsyncHTTPClient
import Foundation
import Logging
import QuorumCore
import QuorumProviders
import QuorumTesting
import Testing

/// Runs `body` with the batch client of a `provider` model pointed at a `BatchVendorStub`.
private func withBatchClient<T: Sendable>(
    provider: String, stub: BatchVendorStub, configure: (inout ModelConfig) -> Void = { _ in },
    _ body: (any BatchClient, StubServer) async throws -> T
) async throws -> T {
    let clients = HTTPClients(shared: HTTPClient(eventLoopGroupProvider: .singleton))
    return try await clients.closing {
        try await StubServer.run(responder: { await stub.respond($0) }) { server in
            var config = ModelConfig(name: "batched", provider: provider, model: "gpt-4.1-mini")
            config.apiKey = secretKey
            config.baseURL = provider == "azure" ? server.baseURL : server.baseURL + (provider == "anthropic" ? "" : "/v1")
            config.price = Price(input: USD(string: "2")!, output: USD(string: "8")!)
            configure(&config)
            let factory = ModelFactory(clients: clients, logger: Logger(label: "test"), environment: [:])
            return try await body(try #require(try factory.makeBatchClient(config)), server)
        }
    }
}

/// Polls `id` until it ends; returns every status seen.
private func pollToEnd(_ client: any BatchClient, _ id: String) async throws -> [BatchStatus] {
    var seen: [BatchStatus] = []
    while seen.last?.isEnded != true {
        seen.append(try await client.status(of: id))
        #expect(seen.count < 10)
    }
    return seen
}

private let lines = ["alpha", "beta", "broken"].map { BatchLine(customID: "q-\($0)", request: ChatRequest(prompt: $0)) }

/// 10 prompt and 5 completion tokens at half of $2/$8 per million.
private let batchCost = USD(string: "0.00003")!

@Suite("Batch clients")
struct BatchClientTests {
    @Test("OpenAI: uploads JSONL, creates the batch, polls every status and reads output and error files")
    func openAI() async throws {
        let stub = BatchVendorStub(fault: { $0 == "broken" ? .httpError(400, "bad line") : nil }, reply: { "re: \($0)" })
        try await withBatchClient(provider: "openai", stub: stub) { client, server in
            let id = try await client.submit(lines)
            let statuses = try await pollToEnd(client, id).map(\.vendorStatus)
            #expect(statuses == ["validating", "in_progress", "finalizing", "completed"])
            let last = try await client.status(of: id)
            #expect(last.total == 3 && last.finished == 3 && last.failed == 1)
            let results = try await client.results(of: id, status: last)
            guard case .completion(let answer)? = results["q-alpha"] else { Issue.record("no answer for alpha"); return }
            #expect(answer.text == "re: alpha")
            #expect(answer.cost == batchCost)
            guard case .failure(let reason)? = results["q-broken"] else { Issue.record("no failure for broken"); return }
            #expect(reason.contains("HTTP 400") && reason.contains("bad line"))
            let requests = await server.requests()
            let upload = try #require(requests.first { $0.uri == "/v1/files" })
            #expect(upload.header("authorization") == "Bearer \(secretKey)")
            #expect(upload.body.contains(#""url":"/v1/chat/completions""#) && upload.body.contains(#""model":"gpt-4.1-mini""#))
            #expect(await stub.submissions.values.allSatisfy { $0 == 1 })
        }
    }

    @Test("Azure: the same API under /openai with api-version, the api-key header and the deployment as model")
    func azure() async throws {
        let stub = BatchVendorStub(reply: { "re: \($0)" })
        try await withBatchClient(provider: "azure", stub: stub, configure: { $0.deployment = "batch-deploy" }) { client, server in
            let id = try await client.submit(Array(lines.prefix(2)))
            let ended = try await pollToEnd(client, id).last!
            let results = try await client.results(of: id, status: ended)
            #expect(results.count == 2)
            let requests = await server.requests()
            #expect(requests.allSatisfy { $0.uri.contains("api-version=2024-10-21") && $0.header("api-key") == secretKey })
            let upload = try #require(requests.first { $0.uri.hasPrefix("/openai/files") })
            #expect(upload.body.contains(#""model":"batch-deploy""#) && upload.body.contains(#""url":"/chat/completions""#))
        }
    }

    @Test("Anthropic: message batches with errored and expired lines; a forced tool's input is the JSON reply")
    func anthropic() async throws {
        let stub = BatchVendorStub(
            fault: { $0 == "broken" ? .httpError(400, "bad params") : $0 == "beta" ? .expired : nil },
            reply: { _ in #"{"grade": "High"}"# })
        try await withBatchClient(provider: "anthropic", stub: stub) { client, server in
            var json = lines
            json[0].request.responseFormat = .jsonObject(schema: ["type": "object"])
            let id = try await client.submit(json)
            #expect(id.hasPrefix("msgbatch_"))
            let statuses = try await pollToEnd(client, id)
            #expect(statuses.map(\.vendorStatus) == ["in_progress", "ended"])
            #expect(statuses.last?.failed == 2)
            let results = try await client.results(of: id, status: statuses.last!)
            guard case .completion(let answer)? = results["q-alpha"] else { Issue.record("no answer for alpha"); return }
            #expect(answer.text.contains(#""grade""#) && answer.cost == batchCost)
            guard case .failure(let expired)? = results["q-beta"], case .failure(let errored)? = results["q-broken"] else {
                Issue.record("expected two failures"); return
            }
            #expect(expired.hasPrefix("expired"))
            #expect(errored.contains("invalid_request_error") && errored.contains("bad params"))
            let create = try #require(await server.requests().first { $0.method == "POST" })
            #expect(create.header("x-api-key") == secretKey && create.header("anthropic-version") == "2023-06-01")
        }
    }

    @Test("a 429 on create is retried after Retry-After, and the batch is created once")
    func rateLimitedCreate() async throws {
        let stub = BatchVendorStub(rateLimitedCreates: 2, reply: { $0 })
        try await withBatchClient(provider: "openai", stub: stub) { client, _ in
            _ = try await client.submit(lines)
            #expect(await stub.createdBatches == 1)
            #expect(await stub.submissions.count == 3)
        }
    }

    @Test("an expired OpenAI batch ends, and its lines fail with batch_expired")
    func expiredBatch() async throws {
        let stub = BatchVendorStub(expireBatches: true, reply: { $0 })
        try await withBatchClient(provider: "openai", stub: stub) { client, _ in
            let id = try await client.submit(lines)
            let ended = try await pollToEnd(client, id).last!
            #expect(ended.vendorStatus == "expired")
            let results = try await client.results(of: id, status: ended)
            #expect(results.count == 3)
            for result in results.values {
                guard case .failure(let reason) = result else { Issue.record("an expired line answered"); continue }
                #expect(reason.hasPrefix("batch_expired"))
            }
        }
    }

    @Test("Gemini and local models have no batch client")
    func noBatchAPI() throws {
        let client = HTTPClient(eventLoopGroupProvider: .singleton)
        defer { try? client.syncShutdown() }
        let factory = ModelFactory(httpClient: client, logger: Logger(label: "t"), environment: [:])
        for provider in ["gemini", "local", "groq"] {
            var config = ModelConfig(name: "m", provider: provider, model: "x")
            config.apiKey = "k"
            #expect(try factory.makeBatchClient(config) == nil)
        }
    }
}
