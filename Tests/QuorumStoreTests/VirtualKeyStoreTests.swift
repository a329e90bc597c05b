import Foundation
import QuorumCore
import QuorumStore
import QuorumTesting
import Testing

/// Keys, budgets and rates in the SQLite store: the check-and-reserve the gateway relies on.
@Suite("Virtual key store (SQLite)")
struct VirtualKeyStoreTests {
    /// 2026-12-31T23:59:30Z: the last minute of a day, a month and a year.
    static let lastMinute = Date(timeIntervalSince1970: 1_798_761_570)
    static let cent = USD(string: "0.01")!

    static func key(_ name: String = "team-a", budget: String? = "0.05", period: BudgetPeriod = .month, rpm: Int? = nil, tpm: Int? = nil)
        -> VirtualKey
    {
        let limits = KeyLimits(
            budget: budget.flatMap(USD.init(string:)), period: period, requestsPerMinute: rpm, tokensPerMinute: tpm,
            models: ["cascade", "small"])
        return VirtualKey(name: name, hash: "hash-of-\(name)", limits: limits, createdAt: lastMinute)
    }

    static func reserve(_ store: some VirtualKeyStore, _ key: VirtualKey, cost: USD = cent, tokens: Int = 100, at date: Date = lastMinute)
        async throws -> KeyAdmission
    {
        try await store.reserve(KeyReservation(key: key, cost: cost, tokens: tokens, at: date), for: key)
    }

    @Test("keys are created, found by hash, listed with their limits and revoked once; a name is never reused")
    func createListRevoke() async throws {
        let temporary = try TemporaryStore()
        let store = temporary.store
        let key = Self.key()
        try await store.createKey(key)
        try await store.createKey(Self.key("team-b", budget: nil, period: .total, rpm: 600, tpm: 90_000))
        #expect(try await store.key(hash: key.hash) == key)
        #expect(try await store.key(hash: "unknown") == nil)
        let listed = try await store.keys()
        #expect(listed.map(\.name) == ["team-a", "team-b"])
        #expect(listed[1].limits == KeyLimits(period: .total, requestsPerMinute: 600, tokensPerMinute: 90_000, models: ["cascade", "small"]))
        await #expect(throws: QuorumError.self) { try await store.createKey(Self.key()) }

        #expect(try await store.revokeKey(named: "team-a", at: Self.lastMinute))
        #expect(try await !store.revokeKey(named: "team-a", at: Self.lastMinute))
        #expect(try await !store.revokeKey(named: "nobody", at: Self.lastMinute))
        #expect(try await store.key(hash: key.hash)?.revokedAt == Self.lastMinute)
    }

    @Test("reservations are admitted while spent + reserved + the estimate fits; settling replaces the estimate, releasing frees it")
    func reserveSettleRelease() async throws {
        let temporary = try TemporaryStore()
        let store = temporary.store
        let key = Self.key()
        try await store.createKey(key)
        var admitted: [KeyReservation] = []
        for _ in 0..<5 {
            guard case .admitted(let reservation) = try await Self.reserve(store, key) else { Issue.record("refused within budget"); return }
            admitted.append(reservation)
        }
        let window = try #require(admitted.first?.window)
        #expect(window == "2026-12")
        guard case .overBudget(let spending) = try await Self.reserve(store, key) else { Issue.record("admitted over budget"); return }
        #expect(spending == KeySpending(spent: .zero, reserved: USD(string: "0.05")!, requests: 5))

        try await store.settle(admitted[0], cost: USD(string: "0.004")!, tokens: 80)
        try await store.settle(admitted[1], cost: .zero, tokens: 0)
        #expect(try await store.spending(ofKey: "team-a", window: window)
            == KeySpending(spent: USD(string: "0.004")!, reserved: USD(string: "0.03")!, requests: 5))
        // 0.004 + 0.03 + 0.01 fits in 0.05; a second cent would not.
        guard case .admitted = try await Self.reserve(store, key) else { Issue.record("refused after a release"); return }
        guard case .overBudget = try await Self.reserve(store, key) else { Issue.record("admitted over budget"); return }
        // Sub-nanodollar costs are rounded up, never lost.
        try await store.settle(admitted[2], cost: USD(string: "0.0000000001")!, tokens: 1)
        #expect(try await store.spending(ofKey: "team-a", window: window).spent == USD(string: "0.004000001")!)
    }

    @Test("holds a dead gateway left behind are released in every window; spend and counts stay")
    func releaseLeftHolds() async throws {
        let temporary = try TemporaryStore()
        let store = temporary.store
        let key = Self.key()
        try await store.createKey(key)
        var admitted: [KeyReservation] = []
        for date in [Self.lastMinute, Self.lastMinute, Self.lastMinute.addingTimeInterval(60)] {
            guard case .admitted(let reservation) = try await Self.reserve(store, key, at: date) else { Issue.record("refused"); return }
            admitted.append(reservation)
        }
        try await store.settle(admitted[0], cost: USD(string: "0.004")!, tokens: 80)
        #expect(try await store.releaseReservations(ofKey: "team-a") == USD(string: "0.02")!)
        #expect(try await store.spending(ofKey: "team-a", window: "2026-12")
            == KeySpending(spent: USD(string: "0.004")!, reserved: .zero, requests: 2))
        #expect(try await store.spending(ofKey: "team-a", window: "2027-01") == KeySpending(requests: 1))
        #expect(try await store.releaseReservations(ofKey: "team-a") == .zero)
    }

    @Test("64 concurrent reservations of a cent against a 10-cent budget: exactly 10 admitted")
    func concurrentReservations() async throws {
        let temporary = try TemporaryStore()
        let store = temporary.store
        let key = Self.key(budget: "0.10")
        try await store.createKey(key)
        let outcomes = try await withThrowingTaskGroup(of: KeyAdmission.self) { group in
            for _ in 0..<64 { group.addTask { try await Self.reserve(store, key) } }
            return try await group.reduce(into: [KeyAdmission]()) { $0.append($1) }
        }
        let admitted = outcomes.filter { if case .admitted = $0 { true } else { false } }
        #expect(admitted.count == 10)
        #expect(try await store.spending(ofKey: "team-a", window: "2026-12").reserved == USD(string: "0.10")!)
    }

    @Test("a new day, month or never: the budget starts again in the window the clock says", arguments: [
        (BudgetPeriod.day, "2026-12-31", "2027-01-01", true), (.month, "2026-12", "2027-01", true), (.total, "total", "total", false),
    ])
    func periodRollover(period: BudgetPeriod, before: String, after: String, startsAgain: Bool) async throws {
        let temporary = try TemporaryStore()
        let store = temporary.store
        let key = Self.key(budget: "0.01", period: period)
        try await store.createKey(key)
        guard case .admitted(let first) = try await Self.reserve(store, key) else { Issue.record("refused"); return }
        #expect(first.window == before)
        try await store.settle(first, cost: Self.cent, tokens: 100)
        guard case .overBudget = try await Self.reserve(store, key) else { Issue.record("admitted over budget"); return }
        let nextMinute = Self.lastMinute.addingTimeInterval(30)
        let outcome = try await Self.reserve(store, key, at: nextMinute)
        if case .admitted(let second) = outcome {
            #expect(startsAgain && second.window == after)
        } else {
            #expect(!startsAgain)
        }
    }

    @Test("requests per minute: the one too many is refused and counts against nothing; the next minute starts again")
    func requestsPerMinute() async throws {
        let temporary = try TemporaryStore()
        let store = temporary.store
        let key = Self.key(budget: "1", rpm: 3)
        try await store.createKey(key)
        for _ in 0..<3 {
            guard case .admitted = try await Self.reserve(store, key) else { Issue.record("refused within rpm"); return }
        }
        #expect(try await Self.reserve(store, key) == .overRate(.requests(3)))
        #expect(try await store.spending(ofKey: "team-a", window: "2026-12") == KeySpending(reserved: USD(string: "0.03")!, requests: 3))
        guard case .admitted = try await Self.reserve(store, key, at: Self.lastMinute.addingTimeInterval(30)) else {
            Issue.record("refused in a new minute")
            return
        }
    }

    @Test("tokens per minute count the estimate, then the real tokens once settled")
    func tokensPerMinute() async throws {
        let temporary = try TemporaryStore()
        let store = temporary.store
        let key = Self.key(budget: nil, tpm: 1_000)
        try await store.createKey(key)
        #expect(try await Self.reserve(store, key, tokens: 1_001) == .overRate(.tokens(1_000)))
        guard case .admitted(let big) = try await Self.reserve(store, key, tokens: 900) else { Issue.record("refused"); return }
        #expect(try await Self.reserve(store, key, tokens: 200) == .overRate(.tokens(1_000)))
        try await store.settle(big, cost: Self.cent, tokens: 300)
        guard case .admitted = try await Self.reserve(store, key, tokens: 200) else { Issue.record("refused after settling"); return }
    }
}
