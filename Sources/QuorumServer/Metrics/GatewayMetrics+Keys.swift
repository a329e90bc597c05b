import Prometheus
import QuorumCore

/// Spend and refusals per virtual key. Key names are made by the operator (`quorum keys create`),
/// not sent by clients, so they are safe label values.
extension GatewayMetrics {
    /// What requests with `key` cost, as settled by this replica.
    func recordKeySpend(key: String, cost: USD) {
        keySpend.value(for: key) {
            registry.makeCounter(
                descriptor: MetricNameDescriptor(
                    namespace: "quorum", metricName: "key_spend_usd", unitName: "total",
                    helpText: "Upstream cost of requests made with each virtual key."),
                labels: [("key", key)])
        }.increment(by: cost.doubleValue)
    }

    /// A request refused for its key's `reason` (`budget` or `rate`).
    func recordKeyRefusal(key: String, reason: String) {
        keyRefusals.value(for: KeyRefusal(key: key, reason: reason)) {
            registry.makeCounter(
                descriptor: MetricNameDescriptor(
                    namespace: "quorum", metricName: "key_refusals", unitName: "total",
                    helpText: "Requests refused by a virtual key's budget or rate limit."),
                labels: [("key", key), ("reason", reason)])
        }.increment()
    }

    struct KeyRefusal: Hashable, Sendable {
        var key: String
        var reason: String
    }
}
