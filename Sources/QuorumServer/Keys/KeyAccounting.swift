import Foundation
import Logging
import QuorumCore
import QuorumStore

/// Virtual keys for the gateway: where they are kept, how a request's cost is estimated, and the clock.
///
/// Every request reads its key from the store (no cache), so a revoked key is refused from the
/// next request on, on every replica.
public struct KeyAccounting: Sendable {
    public let store: any VirtualKeyStore
    public let estimator: CostEstimator
    /// The time budget windows and rate minutes are read from; tests pass their own.
    public let now: @Sendable () -> Date

    public init(store: any VirtualKeyStore, estimator: CostEstimator = CostEstimator(), now: @escaping @Sendable () -> Date = { Date() }) {
        self.store = store
        self.estimator = estimator
        self.now = now
    }

    /// The key whose secret is `text`, if it is a live virtual key.
    func liveKey(_ text: String) async throws(GatewayError) -> VirtualKey? {
        guard VirtualKeySecret.isVirtualKey(text) else { return nil }
        do {
            guard let key = try await store.key(hash: VirtualKeySecret.hash(text)), !key.isRevoked else { return nil }
            return key
        } catch {
            throw .keyStoreUnavailable
        }
    }

    /// Admits `request` to `target` under `key`, holding its estimated cost; throws the 403 or 429 a
    /// client reads when the key may not.
    func admit(
        _ request: ChatRequest, target: String, key: VirtualKey, metrics: GatewayMetrics, logger: Logger
    ) async throws(GatewayError) -> KeyCharge {
        let (cost, tokens) = estimator.estimate(request, target: target)
        let now = now()
        let admission: KeyAdmission
        do {
            admission = try await store.reserve(KeyReservation(key: key, cost: cost, tokens: tokens, at: now), for: key)
        } catch {
            logger.error("key store failed", metadata: ["key": "\(key.name)", "error": "\(error)"])
            throw .keyStoreUnavailable
        }
        switch admission {
        case .admitted(let reservation):
            return KeyCharge(reservation: reservation, store: store, metrics: metrics, logger: logger)
        case .overBudget(let spending):
            metrics.recordKeyRefusal(key: key.name, reason: "budget")
            throw .overBudget(key: key, spending: spending, estimate: cost)
        case .overRate(let limit):
            metrics.recordKeyRefusal(key: key.name, reason: "rate")
            let secondsLeft = 60 - Int(now.timeIntervalSince1970.truncatingRemainder(dividingBy: 60))
            throw .overRate(limit, retryAfter: Double(secondsLeft))
        }
    }
}
