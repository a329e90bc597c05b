import AsyncHTTPClient
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import QuorumCore
import QuorumOrchestration
import QuorumProviders
import QuorumStore
import QuorumTesting
import Synchronization
@testable import QuorumServer

/// A clock the test moves by hand: budget windows and rate minutes roll over without sleeping.
final class TestClock: Sendable {
    private let current: Mutex<Date>

    init(_ date: Date) { current = Mutex(date) }

    var now: Date { current.withLock { $0 } }

    func set(_ date: Date) { current.withLock { $0 = date } }
}

/// A gateway with virtual keys in a fresh SQLite store, over `makeGateway()`'s scripted targets
/// (or `models`), priced as they charge ($1 / $2 per million tokens).
struct KeyedGateway {
    static let price = Price(input: USD(string: "1")!, output: USD(string: "2")!)
    /// 2026-12-31T23:59:30Z.
    static let lastMinute = Date(timeIntervalSince1970: 1_798_761_570)

    let temporary: TemporaryStore
    let clock: TestClock
    let gateway: Gateway

    var store: SQLiteRunStore { temporary.store }

    init(models extra: [String: any ChatModel] = [:], apiKeys: [String] = [], cache: ResponseCache? = nil) throws {
        temporary = try TemporaryStore()
        clock = TestClock(Self.lastMinute)
        let base = makeGateway(settings: GatewaySettings(apiKeys: apiKeys, keepAliveInterval: .milliseconds(20)))
        var targets = base.targets
        for (name, model) in extra { targets[name] = .model(model) }
        var prices = Dictionary(uniqueKeysWithValues: targets.keys.map { ($0, [Self.price]) })
        prices["cascade"] = [Self.price, Self.price]
        let clock = clock
        let keys = KeyAccounting(store: temporary.store, estimator: CostEstimator(prices: prices), now: { clock.now })
        gateway = Gateway(
            targets: targets, models: base.models.merging(extra) { $1 }, settings: base.settings, logger: base.logger, keys: keys,
            cache: cache)
    }

    /// Issues a key named `name`; returns it in clear.
    func issue(_ limits: KeyLimits, name: String = "team-a") async throws -> String {
        try await VirtualKeySecret.issue(named: name, limits: limits, in: store, at: clock.now).secret
    }

    func spending(_ name: String = "team-a", period: BudgetPeriod = .month) async throws -> KeySpending {
        try await store.spending(ofKey: name, window: period.window(containing: clock.now))
    }

    func test<T: Sendable>(_ body: @Sendable @escaping (any TestClientProtocol) async throws -> T) async throws -> T {
        try await Application(router: try gateway.makeRouter()).test(.router, body)
    }
}

/// `Authorization: Bearer KEY`.
func bearer(_ key: String) -> HTTPFields { [.authorization: "Bearer \(key)"] }

/// A chat request with `max_tokens`.
func chatBody(_ model: String, stream: Bool = false, maxTokens: Int) -> ByteBuffer {
    chatBody(model, stream: stream, extra: #", "max_tokens": \#(maxTokens)"#)
}

/// An OpenAI-compatible model in front of a stub that answers after `delay` with 10 prompt and 5
/// completion tokens ($0.00002 at `KeyedGateway.price`).
func withStubUpstream<T: Sendable>(delay: Duration, _ body: (any ChatModel) async throws -> T) async throws -> T {
    let answer = #"{"id":"x","choices":[{"index":0,"message":{"role":"assistant","content":"42"},"finish_reason":"stop"}],"usage":{"prompt_tokens":10,"completion_tokens":5}}"#
    return try await StubServer.run([.json(answer, headDelay: delay)]) { server in
        var config = ModelConfig(name: "upstream", provider: "openai", model: "stub-model", price: KeyedGateway.price)
        config.baseURL = server.baseURL + "/v1"
        config.retries = 0
        let factory = ModelFactory(httpClient: HTTPClient.shared, logger: Logger(label: "test"), environment: [:])
        return try await body(try factory.makeModel(config))
    }
}

/// A model whose call is cancelled while it works (its client left, the server stops).
struct CancelledModel: ChatModel {
    var name = "cancelled"

    func complete(_ request: ChatRequest) async throws -> Completion { throw CancellationError() }
}

/// A key store that cannot be reached: every call fails.
struct UnreachableKeyStore: VirtualKeyStore {
    struct Down: Error {}

    func createKey(_ key: VirtualKey) async throws { throw Down() }
    func keys() async throws -> [VirtualKey] { throw Down() }
    func key(hash: String) async throws -> VirtualKey? { throw Down() }
    func revokeKey(named name: String, at date: Date) async throws -> Bool { throw Down() }
    func reserve(_ reservation: KeyReservation, for key: VirtualKey) async throws -> KeyAdmission { throw Down() }
    func settle(_ reservation: KeyReservation, cost: USD, tokens: Int) async throws { throw Down() }
    func spending(ofKey name: String, window: String) async throws -> KeySpending { throw Down() }
    func releaseReservations(ofKey name: String) async throws -> USD { throw Down() }
}
