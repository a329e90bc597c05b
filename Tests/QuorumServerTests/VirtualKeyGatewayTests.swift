import Foundation
import Hummingbird
import HummingbirdTesting
import QuorumCore
import QuorumOrchestration
import QuorumStore
import QuorumTesting
import Testing
@testable import QuorumServer

/// `quorum serve --virtual-keys`: who may call, which models, how fast, and how much.
@Suite("Gateway: virtual keys")
struct VirtualKeyGatewayTests {
    static let perRequest = USD(string: "0.00002")!  // 10 × $1/M + 5 × $2/M

    @Test("a virtual key is accepted; a made-up one is refused; a revoked one from its next request; static keys still pass")
    func acceptRefuseRevoke() async throws {
        let keyed = try KeyedGateway(apiKeys: ["static-key"])
        let key = try await keyed.issue(KeyLimits())
        try await keyed.test { client in
            let forged = VirtualKeySecret.prefix + String(key.dropFirst(VirtualKeySecret.prefix.count).reversed())
            for (headers, status) in [(bearer(key), HTTPResponse.Status.ok), (bearer(forged), .unauthorized), ([:], .unauthorized),
                                      (bearer("static-key"), .ok)] {
                try await client.execute(uri: "/v1/chat/completions", method: .post, headers: headers, body: chatBody("strong")) {
                    #expect($0.status == status)
                }
            }
            #expect(try await keyed.store.revokeKey(named: "team-a", at: keyed.clock.now))
            try await client.execute(uri: "/v1/chat/completions", method: .post, headers: bearer(key), body: chatBody("strong")) {
                #expect($0.status == .unauthorized)
            }
        }
    }

    @Test("a cached answer through a virtual key costs its budget nothing: the hit releases the estimate it reserved")
    func cacheHitThroughKey() async throws {
        let cache = ResponseCache(
            store: MemoryResponseCacheStore(), identities: ["strong": .init(fingerprint: "s")],
            policies: ["strong": CachePolicy(ttl: 3600, maxEntries: 10)])
        let keyed = try KeyedGateway(cache: cache)
        let key = try await keyed.issue(KeyLimits(budget: USD(string: "1")!))
        let body = chatBody("strong", extra: #", "temperature": 0, "max_tokens": 50"#)
        try await keyed.test { client in
            let first = try await client.execute(uri: "/v1/chat/completions", method: .post, headers: bearer(key), body: body)
            #expect(first.status == .ok && first.headers[.quorumCache] == "miss")
            let paid = try await keyed.spending()
            #expect(paid.spent > .zero && paid.reserved == .zero)
            let second = try await client.execute(uri: "/v1/chat/completions", method: .post, headers: bearer(key), body: body)
            #expect(second.status == .ok && second.headers[.quorumCache] == "hit")
            let after = try await keyed.spending()
            #expect(after.spent == paid.spent && after.reserved == .zero, "a hit is free and leaves no hold")
        }
    }

    @Test("a model the key may not use is refused with 403 and the allowed list; /v1/models lists only those")
    func modelNotAllowed() async throws {
        let keyed = try KeyedGateway()
        let key = try await keyed.issue(KeyLimits(models: ["cascade", "cheap"]))
        try await keyed.test { client in
            try await client.execute(uri: "/v1/chat/completions", method: .post, headers: bearer(key), body: chatBody("strong")) { response in
                #expect(response.status == .forbidden)
                let error = try #require(try json(response.body)["error"] as? [String: Any])
                #expect(error["message"] as? String == "key team-a may not use model 'strong'; allowed: cascade, cheap")
                #expect(error["code"] as? String == "model_not_allowed")
            }
            try await client.execute(uri: "/v1/models", method: .get, headers: bearer(key)) { response in
                let data = try #require(try json(response.body)["data"] as? [[String: Any]])
                #expect(data.compactMap { $0["id"] as? String } == ["cascade", "cheap"])
            }
        }
    }

    @Test("over its requests per minute a key gets 429 with the reason and Retry-After; the next minute it passes")
    func requestsPerMinute() async throws {
        let keyed = try KeyedGateway()
        let key = try await keyed.issue(KeyLimits(requestsPerMinute: 2))
        try await keyed.test { client in
            for expected in [HTTPResponse.Status.ok, .ok, .tooManyRequests] {
                try await client.execute(uri: "/v1/chat/completions", method: .post, headers: bearer(key), body: chatBody("strong")) { response in
                    #expect(response.status == expected)
                    guard expected == .tooManyRequests else { return }
                    let error = try #require(try json(response.body)["error"] as? [String: Any])
                    #expect(error["message"] as? String == "rate limit: 2 requests/min")
                    #expect(error["type"] as? String == "rate_limit_error")
                    #expect(response.headers[.retryAfter] == "30")
                }
            }
            keyed.clock.set(KeyedGateway.lastMinute.addingTimeInterval(30))
            try await client.execute(uri: "/v1/chat/completions", method: .post, headers: bearer(key), body: chatBody("strong")) {
                #expect($0.status == .ok)
            }
        }
    }

    /// Budget for 10 requests; 64 at once against an upstream slow enough that they overlap.
    /// With `max_tokens` 5 the estimate covers the cost and spend never passes the budget; with 1
    /// it falls $0.000005 short, and spend may pass the budget by at most that for each request
    /// in flight.
    @Test("a budgeted key hammered by 64 concurrent requests: spend ≤ budget + in-flight shortfall, the rest get 429",
          arguments: [5, 1])
    func budgetUnderLoad(maxTokens: Int) async throws {
        try await withStubUpstream(delay: .milliseconds(20)) { upstream in
            let keyed = try KeyedGateway(models: ["upstream": upstream])
            let budget = USD(string: "0.0002")!
            let key = try await keyed.issue(KeyLimits(budget: budget))
            let statuses = try await keyed.test { client in
                try await withThrowingTaskGroup(of: (HTTPResponse.Status, String).self) { group in
                    for _ in 0..<64 {
                        group.addTask {
                            try await client.execute(
                                uri: "/v1/chat/completions", method: .post, headers: bearer(key), body: chatBody("upstream", maxTokens: maxTokens)
                            ) { response in
                                let message = (try? json(response.body)["error"] as? [String: Any])?["message"] as? String
                                return (response.status, message ?? "")
                            }
                        }
                    }
                    return try await group.reduce(into: []) { $0.append($1) }
                }
            }
            let answered = statuses.filter { $0.0 == .ok }.count
            let refused = statuses.filter { $0.0 == .tooManyRequests }
            #expect(answered + refused.count == 64)
            #expect(answered >= 8 && !refused.isEmpty)
            #expect(refused.allSatisfy { $0.1.hasPrefix("budget exceeded for key team-a: $") && $0.1.contains(" of $0.000200 this month") })
            let spending = try await keyed.spending()
            #expect(spending.reserved == .zero)
            #expect(spending.spent.amount == Self.perRequest.amount * Decimal(answered))
            let estimate = CostEstimator(prices: ["upstream": [KeyedGateway.price]])
                .estimate(ChatRequest(prompt: "What is 6 x 7?", parameters: GenerationParameters(maxTokens: maxTokens)), target: "upstream").cost
            let shortfall = max(.zero, Self.perRequest - estimate)
            #expect(spending.spent <= budget + USD(shortfall.amount * 64))
            if maxTokens == 5 { #expect(spending.spent <= budget) }
        }
    }

    @Test("a day's budget starts again at midnight UTC, read from the gateway's clock")
    func budgetRollsOver() async throws {
        let keyed = try KeyedGateway()
        let key = try await keyed.issue(KeyLimits(budget: USD(string: "0.00003")!, period: .day))
        try await keyed.test { client in
            for expected in [HTTPResponse.Status.ok, .tooManyRequests] {
                try await client.execute(uri: "/v1/chat/completions", method: .post, headers: bearer(key), body: chatBody("strong", maxTokens: 5)) {
                    response in
                    #expect(response.status == expected)
                    guard expected == .tooManyRequests else { return }
                    let error = try #require(try json(response.body)["error"] as? [String: Any])
                    #expect(error["message"] as? String == """
                        budget exceeded for key team-a: $0.000020 of $0.000030 today; this request may cost up to $0.000023, \
                        more than is left (a lower max_tokens lowers that)
                        """)
                    #expect(error["type"] as? String == "insufficient_quota")
                }
            }
            keyed.clock.set(KeyedGateway.lastMinute.addingTimeInterval(30))
            try await client.execute(uri: "/v1/chat/completions", method: .post, headers: bearer(key), body: chatBody("strong", maxTokens: 5)) {
                #expect($0.status == .ok)
            }
        }
        #expect(try await keyed.store.spending(ofKey: "team-a", window: "2026-12-31").spent == Self.perRequest)
        #expect(try await keyed.store.spending(ofKey: "team-a", window: "2027-01-01").spent == Self.perRequest)
    }

    @Test("streamed answers are settled at their real cost: a model token by token, at once, and a cascade after its gate",
          arguments: [("strong", "0.00002"), ("at-once", "0.00002"), ("cascade", "0.00004")])
    func streamingSettled(model: String, cost: String) async throws {
        let keyed = try KeyedGateway()
        let key = try await keyed.issue(KeyLimits(budget: USD(string: "1")!))
        try await keyed.test { client in
            try await client.execute(uri: "/v1/chat/completions", method: .post, headers: bearer(key), body: chatBody(model, stream: true)) {
                #expect($0.status == .ok)
                #expect(String(buffer: $0.body).hasSuffix("data: [DONE]\n\n"))
            }
        }
        #expect(try await keyed.spending() == KeySpending(spent: USD(string: cost)!, requests: 1))
    }

    @Test("a failed request gives its reservation back; /metrics shows spend and refusals per key")
    func releaseAndMetrics() async throws {
        let keyed = try KeyedGateway()
        let key = try await keyed.issue(KeyLimits(budget: USD(string: "0.0001")!))
        try await keyed.test { client in
            try await client.execute(uri: "/v1/chat/completions", method: .post, headers: bearer(key), body: chatBody("limited", maxTokens: 5)) {
                #expect($0.status == .tooManyRequests)
            }
            #expect(try await keyed.spending() == KeySpending(requests: 1))
            for _ in 0..<3 {
                try await client.execute(uri: "/v1/chat/completions", method: .post, headers: bearer(key), body: chatBody("strong", maxTokens: 5)) { _ in }
            }
            try await client.execute(uri: "/v1/chat/completions", method: .post, headers: bearer(key), body: chatBody("strong", maxTokens: 5000)) {
                #expect($0.status == .tooManyRequests)
                let error = try #require(try json($0.body)["error"] as? [String: Any])
                #expect(error["message"] as? String == """
                    budget exceeded for key team-a: $0.000060 of $0.000100 this month; this request may cost up to $0.01, \
                    more than is left (a lower max_tokens lowers that)
                    """)
            }
            try await client.execute(uri: "/metrics", method: .get) { response in
                let text = String(buffer: response.body)
                #expect(text.contains(#"quorum_key_spend_usd_total{key="team-a"} 6"#))
                #expect(text.contains(#"quorum_key_refusals_total{key="team-a",reason="budget"} 1"#))
            }
        }
        #expect(try await keyed.spending().spent == USD(string: "0.00006")!)
    }

    @Test("a request cancelled while its model works keeps its estimate: leaving early is not free")
    func cancelledKeepsEstimate() async throws {
        let keyed = try KeyedGateway(models: ["cancelled": CancelledModel()])
        let key = try await keyed.issue(KeyLimits(budget: USD(string: "1")!))
        try await keyed.test { client in
            try await client.execute(uri: "/v1/chat/completions", method: .post, headers: bearer(key), body: chatBody("cancelled", maxTokens: 5)) {
                #expect($0.status != .ok)
            }
        }
        #expect(try await keyed.spending() == KeySpending(spent: USD(string: "0.000023")!, requests: 1))
    }

    @Test("a key store that cannot be reached refuses with 503, never lets a virtual key through unchecked")
    func storeDown() async throws {
        let base = makeGateway()
        let gateway = Gateway(
            targets: base.targets, models: base.models, settings: base.settings, logger: base.logger,
            keys: KeyAccounting(store: UnreachableKeyStore()))
        try await Application(router: try gateway.makeRouter()).test(.router) { client in
            let key = VirtualKeySecret.generate()
            try await client.execute(uri: "/v1/chat/completions", method: .post, headers: bearer(key), body: chatBody("strong")) { response in
                #expect(response.status == .serviceUnavailable)
                let error = try #require(try json(response.body)["error"] as? [String: Any])
                #expect(error["code"] as? String == "key_store_unavailable")
            }
        }
    }

    @Test("only the key's SHA-256 is stored: the key appears nowhere in the database files")
    func hashOnly() async throws {
        let temporary = try TemporaryStore()
        let (secret, key) = try await VirtualKeySecret.issue(named: "team-a", limits: KeyLimits(), in: temporary.store)
        #expect(secret.hasPrefix("sk-quorum-") && secret.count == "sk-quorum-".count + 43)
        #expect(key.hash == VirtualKeySecret.hash(secret) && key.hash.count == 64)
        var everything = Data()
        for file in try FileManager.default.contentsOfDirectory(at: temporary.folder, includingPropertiesForKeys: nil) {
            everything.append(try Data(contentsOf: file))
        }
        #expect(everything.range(of: Data(secret.utf8)) == nil)
        #expect(everything.range(of: Data(secret.dropFirst(10).utf8)) == nil)
        #expect(everything.range(of: Data(key.hash.utf8)) != nil)
        #expect(VirtualKeySecret.generate() != VirtualKeySecret.generate())
    }
}
