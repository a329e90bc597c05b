import Foundation
import Logging
import QuorumCore
import QuorumStore
import QuorumTesting
import Testing
@testable import QuorumServer

/// A request's hold on its key's budget ends exactly once, even when its task is cancelled.
@Suite("Gateway: key charges")
struct KeyChargeTests {
    static let estimate = USD(string: "0.01")!

    func admitted(in store: SQLiteRunStore) async throws -> KeyCharge {
        let key = try await VirtualKeySecret.issue(named: "team-a", limits: KeyLimits(budget: USD(string: "1")!), in: store).key
        guard case .admitted(let reservation) = try await store.reserve(
            KeyReservation(key: key, cost: Self.estimate, tokens: 100, at: Date()), for: key)
        else { throw QuorumError(.internal, "refused") }
        return KeyCharge(reservation: reservation, store: store, metrics: GatewayMetrics(known: []), logger: Logger(label: "test"))
    }

    func spending(_ store: SQLiteRunStore, _ charge: KeyCharge) async throws -> KeySpending {
        try await store.spending(ofKey: "team-a", window: charge.reservation.window)
    }

    @Test("the first ending wins: a settled charge is not released or charged again")
    func endsOnce() async throws {
        let temporary = try TemporaryStore()
        let charge = try await admitted(in: temporary.store)
        await charge.settle(cost: USD(string: "0.002")!, tokens: 50)
        await charge.release()
        await charge.chargeEstimate()
        #expect(try await spending(temporary.store, charge) == KeySpending(spent: USD(string: "0.002")!, requests: 1))
    }

    @Test("a cancelled request still ends its charge: the estimate is kept, not lost with the task")
    func cancelledStillSettles() async throws {
        let temporary = try TemporaryStore()
        let charge = try await admitted(in: temporary.store)
        await withTaskGroup(of: Void.self) { group in
            group.cancelAll()
            group.addTask {
                #expect(Task.isCancelled)
                await charge.chargeEstimate()
            }
        }
        #expect(try await spending(temporary.store, charge) == KeySpending(spent: Self.estimate, requests: 1))
    }
}
