import Foundation
import QuorumCore

/// Where `quorum serve` keeps virtual keys and their spend: a SQLite file for one gateway,
/// PostgreSQL for replicas that share keys and budgets.
///
/// `reserve` is the one decision that matters under load: it checks the key's rate and budget and
/// takes the reservation in a single transaction (conditional upserts, never read-then-write), so
/// concurrent requests on any number of replicas cannot together pass a limit. What they can
/// overshoot by is only what their real cost exceeds their estimate.
public protocol VirtualKeyStore: Sendable {
    /// Stores a new key; throws `QuorumError(.configuration)` when the name is taken.
    func createKey(_ key: VirtualKey) async throws
    /// Every key, revoked ones included, by name.
    func keys() async throws -> [VirtualKey]
    /// The key whose secret hashes to `hash`, revoked or not.
    func key(hash: String) async throws -> VirtualKey?
    /// Marks the key revoked at `date`; false when there is no such key or it was revoked already.
    func revokeKey(named name: String, at date: Date) async throws -> Bool
    /// Checks `key`'s limits and, when they allow, counts the request and holds `reservation`.
    func reserve(_ reservation: KeyReservation, for key: VirtualKey) async throws -> KeyAdmission
    /// Ends a reservation: `cost` and `tokens` replace the estimate (both zero to release it).
    func settle(_ reservation: KeyReservation, cost: USD, tokens: Int) async throws
    /// The key's money in `window`.
    func spending(ofKey name: String, window: String) async throws -> KeySpending
    /// Drops every hold on the key's budget, in every window, and returns what was held. Holds are
    /// settled when their request ends; one left behind means a gateway died mid-request (kill -9,
    /// a lost machine) and would block that money until the window ends. Only safe while no gateway
    /// serving this store has requests in flight: theirs would be dropped too.
    func releaseReservations(ofKey name: String) async throws -> USD
}

extension StoreLocation {
    /// Opens the store that keeps virtual keys, applying pending migrations.
    public func openVirtualKeyStore() async throws -> any VirtualKeyStore {
        switch kind {
        case .sqlite: try SQLiteRunStore(path: address)
        case .postgres: try await PostgresRunStore.open(address)
        }
    }
}

extension StoreLocation {
    /// Opens the store `quorum serve` keeps served traces and virtual keys in: one connection pool for both.
    public func openGatewayStore() async throws -> any ServedTraceStore & VirtualKeyStore {
        switch kind {
        case .sqlite: try SQLiteRunStore(path: address)
        case .postgres: try await PostgresRunStore.open(address)
        }
    }
}
