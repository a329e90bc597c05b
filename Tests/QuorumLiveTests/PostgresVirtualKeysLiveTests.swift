import Foundation
import QuorumCore
import QuorumServer
import QuorumStore
import Testing

/// Virtual keys on a real PostgreSQL shared by two gateway replicas: the check-and-reserve holds
/// across connections and processes' pools, not only inside one SQLite writer.
@Suite("PostgreSQL virtual keys (live)", .serialized, .enabled(if: LiveEnvironment.isEnabled))
struct PostgresVirtualKeysLiveTests {
    /// 2026-12-31T23:59:30Z.
    static let lastMinute = Date(timeIntervalSince1970: 1_798_761_570)
    static let cent = USD(string: "0.01")!

    static func reserve(_ store: any VirtualKeyStore, _ key: VirtualKey, at date: Date = lastMinute) async throws -> KeyAdmission {
        try await store.reserve(KeyReservation(key: key, cost: cent, tokens: 100, at: date), for: key)
    }

    static func admittedCount(_ outcomes: [KeyAdmission]) -> Int {
        outcomes.filter { if case .admitted = $0 { true } else { false } }.count
    }

    /// `count` reservations at once, alternating between the replicas.
    static func hammer(_ replicas: [any VirtualKeyStore], _ key: VirtualKey, count: Int) async throws -> [KeyAdmission] {
        try await withThrowingTaskGroup(of: KeyAdmission.self) { group in
            for index in 0..<count {
                let store = replicas[index % replicas.count]
                group.addTask { try await reserve(store, key) }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
    }

    @Test("two replicas, 64 concurrent reservations: the budget admits exactly 10, the rate exactly 5, refusals count nothing")
    func atomicReservation() async throws {
        try await PostgresServerProcess.with { server in
            let first = try await PostgresRunStore.open(server.url)
            let second = try await PostgresRunStore.open(server.url)
            defer { first.close(); second.close() }
            let replicas: [any VirtualKeyStore] = [first, second]

            let (secret, budgeted) = try await VirtualKeySecret.issue(
                named: "team-a", limits: KeyLimits(budget: USD(string: "0.10")!, period: .day), in: first, at: Self.lastMinute)
            #expect(try await second.key(hash: VirtualKeySecret.hash(secret)) == budgeted)
            let outcomes = try await Self.hammer(replicas, budgeted, count: 64)
            #expect(Self.admittedCount(outcomes) == 10)
            #expect(try await second.spending(ofKey: "team-a", window: "2026-12-31")
                == KeySpending(reserved: USD(string: "0.10")!, requests: 10))

            let (_, limited) = try await VirtualKeySecret.issue(
                named: "team-b", limits: KeyLimits(requestsPerMinute: 5), in: second, at: Self.lastMinute)
            let rated = try await Self.hammer(replicas, limited, count: 64)
            #expect(Self.admittedCount(rated) == 5)
            #expect(rated.contains(.overRate(.requests(5))))
            #expect(try await first.spending(ofKey: "team-b", window: "2026-12").requests == 5)

            // Settled at the real cost on one replica, seen on the other; the next day starts again.
            for case .admitted(let reservation) in outcomes { try await first.settle(reservation, cost: Self.cent, tokens: 90) }
            #expect(try await second.spending(ofKey: "team-a", window: "2026-12-31")
                == KeySpending(spent: USD(string: "0.10")!, requests: 10))
            guard case .overBudget(let spending) = try await Self.reserve(second, budgeted) else {
                Issue.record("admitted over budget")
                return
            }
            #expect(spending.spent == USD(string: "0.10")!)
            guard case .admitted(let tomorrow) = try await Self.reserve(first, budgeted, at: Self.lastMinute.addingTimeInterval(30)) else {
                Issue.record("refused on a new day")
                return
            }
            #expect(tomorrow.window == "2027-01-01")
            // A hold nobody will settle (its gateway died) is freed on any replica; spend stays.
            #expect(try await second.releaseReservations(ofKey: "team-a") == Self.cent)
            #expect(try await first.spending(ofKey: "team-a", window: "2027-01-01") == KeySpending(requests: 1))

            #expect(try await first.revokeKey(named: "team-a", at: Self.lastMinute))
            #expect(try await second.key(hash: VirtualKeySecret.hash(secret))?.isRevoked == true)
            await #expect(throws: QuorumError.self) { try await second.createKey(budgeted) }
            #expect(try await first.keys().map(\.name) == ["team-a", "team-b"])
        }
    }

    @Test("store migrate brings a SQLite gateway's keys and spend over once; replicas go on from there")
    func migrated() async throws {
        try await PostgresServerProcess.with { server in
            let folder = NSTemporaryDirectory() + "quorum-keys-migrate-\(UUID().uuidString)"
            defer { try? FileManager.default.removeItem(atPath: folder) }
            let sqlite = try SQLiteRunStore(path: folder + "/gateway.db")
            let postgres = try await PostgresRunStore.open(server.url)
            defer { postgres.close() }
            let (secret, key) = try await VirtualKeySecret.issue(
                named: "team-a", limits: KeyLimits(budget: USD(string: "0.05")!, requestsPerMinute: 10, models: ["cascade"]),
                in: sqlite, at: Self.lastMinute)
            for _ in 0..<3 {
                guard case .admitted(let reservation) = try await Self.reserve(sqlite, key) else { Issue.record("refused"); return }
                try await sqlite.settle(reservation, cost: Self.cent, tokens: 80)
            }
            _ = try await Self.reserve(sqlite, key)  // in flight when the SQLite gateway stopped: not carried over
            let migration = StoreMigration(from: sqlite, to: postgres)
            let first = try await migration.copy()
            #expect(first.virtualKeyRows == 2 && first.copied == 2)
            #expect(try await postgres.key(hash: VirtualKeySecret.hash(secret)) == key)
            #expect(try await postgres.spending(ofKey: "team-a", window: "2026-12")
                == KeySpending(spent: USD(string: "0.03")!, requests: 4))
            let second = try await migration.copy()
            #expect(second.copied == 0 && second.alreadyThere == 2)
            // 0.03 spent: two more cents fit, a third does not.
            for expected in [true, true, false] {
                let outcome = try await Self.reserve(postgres, key)
                if case .admitted = outcome { #expect(expected) } else { #expect(!expected) }
            }
        }
    }
}
