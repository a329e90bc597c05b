import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOHTTP1
import QuorumCore
import QuorumStore
import QuorumTesting
import Testing

@testable import QuorumServer

/// Two gateway replicas serving virtual keys from one PostgreSQL store, hammered over HTTP: the
/// budget holds across them, and a key revoked through one is refused by the other.
@Suite("Gateway replicas with virtual keys (live)", .serialized, .enabled(if: LiveEnvironment.isEnabled))
struct VirtualKeyReplicasLiveTests {
    static let price = Price(input: USD(string: "1")!, output: USD(string: "2")!)
    /// 10 prompt and 5 completion tokens at `price`.
    static let perRequest = USD(string: "0.00002")!

    /// A model that answers after `delay`, so concurrent requests are in flight together.
    struct SlowModel: ChatModel {
        var name = "slow"
        var delay: Duration

        func complete(_ request: ChatRequest) async throws -> Completion {
            try await Task.sleep(for: delay)
            let usage = Usage(promptTokens: 10, completionTokens: 5)
            return Completion(text: "42", usage: usage, cost: VirtualKeyReplicasLiveTests.price.cost(of: usage), model: name)
        }
    }

    static func replica(store: PostgresRunStore) -> Gateway {
        let model = SlowModel(delay: .milliseconds(20))
        var logger = Logger(label: "quorum.replica")
        logger.logLevel = .critical  // cancelling a replica at the end makes Hummingbird log errors
        let keys = KeyAccounting(store: store, estimator: CostEstimator(prices: ["slow": [price]]))
        return Gateway(
            targets: ["slow": .model(model)], models: ["slow": model], settings: GatewaySettings(port: 0), logger: logger, keys: keys)
    }

    static func chat(_ http: HTTPClient, port: Int, key: String) async throws -> (status: HTTPResponseStatus, body: String) {
        var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)/v1/chat/completions")
        request.method = .POST
        request.headers.add(name: "content-type", value: "application/json")
        request.headers.add(name: "authorization", value: "Bearer \(key)")
        request.body = .bytes(ByteBuffer(string: #"{"model":"slow","messages":[{"role":"user","content":"What is 6 x 7?"}],"max_tokens":5}"#))
        let response = try await http.execute(request, timeout: .seconds(120))
        return (response.status, String(buffer: try await response.body.collect(upTo: 1 << 20)))
    }

    @Test("64 concurrent requests over two replicas: spend stays within the budget, the rest get 429; revocation reaches both")
    func budgetAcrossReplicas() async throws {
        try await PostgresServerProcess.with { server in
            let stores = [try await PostgresRunStore.open(server.url), try await PostgresRunStore.open(server.url)]
            defer { stores.forEach { $0.close() } }
            let budget = USD(string: "0.0002")!
            let key = try await VirtualKeySecret.issue(named: "team-a", limits: KeyLimits(budget: budget), in: stores[0]).secret
            // A connection per request, and a generous deadline: 64 requests queued behind AsyncHTTPClient's
            // default 8 connections on a loaded 2-core machine ran out of time waiting for the pool.
            var configuration = HTTPClient.Configuration()
            configuration.connectionPool.concurrentHTTP1ConnectionsPerHostSoftLimit = 64
            let http = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
            do {
                try await GatewayReplicasLiveTests.serve(stores.map { Self.replica(store: $0) }) { ports, _ in
                    let outcomes = try await withThrowingTaskGroup(of: (status: HTTPResponseStatus, body: String).self) { group in
                        for index in 0..<64 { group.addTask { try await Self.chat(http, port: ports[index % 2], key: key) } }
                        return try await group.reduce(into: []) { $0.append($1) }
                    }
                    let answered = outcomes.filter { $0.status == .ok }.count
                    let refused = outcomes.filter { $0.status == .tooManyRequests }
                    #expect(answered + refused.count == 64 && answered >= 8 && !refused.isEmpty)
                    #expect(refused.allSatisfy { $0.body.contains("budget exceeded for key team-a") })
                    let window = BudgetPeriod.month.window(containing: Date())
                    let spending = try await stores[1].spending(ofKey: "team-a", window: window)
                    // The estimate (13 prompt + 5 output tokens) covers the real cost: no overshoot at all.
                    #expect(spending.reserved == .zero && spending.spent <= budget)
                    #expect(spending.spent.amount == Self.perRequest.amount * Decimal(answered))

                    #expect(try await stores[0].revokeKey(named: "team-a", at: Date()))
                    #expect(try await Self.chat(http, port: ports[1], key: key).status == .unauthorized)
                }
            } catch {
                try? await http.shutdown()
                throw error
            }
            try await http.shutdown()
        }
    }
}
