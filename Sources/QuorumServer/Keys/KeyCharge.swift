import Logging
import QuorumCore
import QuorumStore
import Synchronization

/// One admitted request's hold on its key's budget, ended exactly once: settled with what the
/// request cost, released when it failed before costing anything, or kept at the estimate when
/// nobody knows what it cost (the client left mid-stream, an upstream stream broke).
///
/// Whichever ending comes first wins; later ones do nothing. A final class holding only `let`s and
/// a `Mutex`, hence `Sendable`.
final class KeyCharge: Sendable {
    let reservation: KeyReservation
    private let store: any VirtualKeyStore
    private let metrics: GatewayMetrics
    private let logger: Logger
    private let isOpen = Mutex(true)

    init(reservation: KeyReservation, store: any VirtualKeyStore, metrics: GatewayMetrics, logger: Logger) {
        self.reservation = reservation
        self.store = store
        self.metrics = metrics
        self.logger = logger
    }

    /// Replaces the estimate with the request's real cost and tokens.
    func settle(cost: USD, tokens: Int) async {
        guard isOpen.withLock({ open in defer { open = false }; return open }) else { return }
        metrics.recordKeySpend(key: reservation.key, cost: cost)
        // A request's task is cancelled when the server shuts down or a stream's client leaves:
        // exactly when it must settle, and a cancelled store write throws before it starts. An
        // unstructured task is not cancelled with its caller, so the write completes; it is awaited
        // here, so it never outlives the request.
        let write = Task { [store, reservation] in try await store.settle(reservation, cost: cost, tokens: tokens) }
        do {
            try await write.value
        } catch {
            // The estimate stays reserved: the key is held back, never let through.
            logger.error("settling a key's spend failed", metadata: ["key": "\(reservation.key)", "error": "\(error)"])
        }
    }

    /// Gives the estimate back: the request failed before anything was paid for.
    func release() async { await settle(cost: .zero, tokens: 0) }

    /// Charges the estimate: the request may have been paid for and its real cost is unknown.
    func chargeEstimate() async { await settle(cost: reservation.cost, tokens: reservation.tokens) }
}
